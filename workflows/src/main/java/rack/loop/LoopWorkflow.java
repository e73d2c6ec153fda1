package rack.loop;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
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
}
