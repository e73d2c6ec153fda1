package rack.loop;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import rack.model.AlertNotice;
import rack.model.Finding;

/**
 * What both loops answer to. Signals only record facts; the loop's main method decides what to do.
 * PR signals are idempotent and safe out of order (a merge before an open counts as both).
 */
public interface LoopWorkflow {
  String SIGNAL_PR_OPENED = "prOpened";
  String SIGNAL_PR_MERGED = "prMerged";
  String SIGNAL_PR_CLOSED = "prClosed";
  String SIGNAL_OBSERVE = "observe";
  String SIGNAL_ALERT_RESOLVED = "alertResolved";
  String QUERY_STATUS = "status";
  String UPDATE_APPROVE = "approve";
  String UPDATE_DISMISS = "dismiss";
  String SIGNAL_DECIDE = "decide";

  @SignalMethod(name = SIGNAL_PR_OPENED)
  void prOpened(PullRequest pr);

  @SignalMethod(name = SIGNAL_PR_MERGED)
  void prMerged(PullRequest pr);

  @SignalMethod(name = SIGNAL_PR_CLOSED)
  void prClosed(PullRequest pr);

  /** New evidence from the monitor: the same problem was detected again. */
  @SignalMethod(name = SIGNAL_OBSERVE)
  void observe(Finding finding);

  /**
   * The monitor that raised the alert says the problem is gone. Only recorded on the timeline: the
   * loop's own verification decides when it is resolved. (Default: ignored, for test doubles; both
   * loops record it through their shared base.)
   */
  @SignalMethod(name = SIGNAL_ALERT_RESOLVED)
  default void alertResolved(AlertNotice notice) {}

  @QueryMethod(name = QUERY_STATUS)
  LoopStatus status();

  /**
   * A person lets the loop run the actions it would not run alone. Rejected (before anything is
   * recorded) unless the loop is in {@link Phase#AWAITING_DECISION}.
   *
   * @return one line for the CLI: what the loop will do now
   */
  @UpdateMethod(name = UPDATE_APPROVE)
  String approve(Decision decision);

  @UpdateValidatorMethod(updateName = UPDATE_APPROVE)
  void validateApprove(Decision decision);

  /** A person calls it a false positive: the loop resolves and the host's baseline accepts it. */
  @UpdateMethod(name = UPDATE_DISMISS)
  String dismiss(Decision decision);

  @UpdateValidatorMethod(updateName = UPDATE_DISMISS)
  void validateDismiss(Decision decision);

  /**
   * The same decision as a signal, for the Temporal UI's "Send a Signal" (signals have no reply: a
   * decision the loop cannot take is noted in its timeline and ignored).
   */
  @SignalMethod(name = SIGNAL_DECIDE)
  void decide(Decision decision);
}
