package rack.loop;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import rack.detect.AcceptedEntry;
import rack.detect.Acceptance;
import rack.model.Finding;
import rack.monitor.HostMonitorWorkflow;

/**
 * When rack will not act alone (weak evidence, a protected container or process, the budget used
 * up, dry-run), the loop does not end: it asks the CEO once, with the exact commands, and waits
 * durably in {@link Phase#AWAITING_DECISION} (one reminder after {@code decisionReminderAfter}).
 * Who decided, when and why goes into the timeline and the post-mortem.
 */
final class HumanDecision {
  private final LoopContext loop;

  HumanDecision(LoopContext loop) {
    this.loop = loop;
  }

  /**
   * @param reason why rack did not act, in words
   * @param planned what approval will run, in words
   */
  Decision ask(Finding finding, String reason, String planned) {
    LoopState state = loop.state;
    state.decision = null;
    String step = loop.round() + "." + (state.decisions.size() + 1);
    String commands = "./rack loop approve " + loop.loopId() + " | ./rack loop dismiss " + loop.loopId() + " --reason TEXT";
    loop.enter(Phase.AWAITING_DECISION, "a decision (" + commands + "): " + reason, loop.people.ceo());
    state.note("decision-requested", reason + (planned == null ? "" : "; planned: " + planned));
    loop.messages.decisionRequested(step, finding, reason, planned);
    Duration remindAfter = loop.settings.decisionReminderAfter();
    if (!Waits.until(remindAfter, "await decision; remind " + loop.people.ceo() + " after " + PostMortem.human(remindAfter),
        () -> state.decision != null)) {
      loop.messages.decisionReminder(step, PostMortem.human(remindAfter));
      Workflow.await(() -> state.decision != null);
    }
    Decision decision = state.decision;
    state.decisions.add(decision);
    state.note("decision", decision.describe());
    return decision;
  }

  /**
   * A dismissal teaches the host's monitor to accept what this loop was about (the main finding and
   * the related ones), so the next check does not flag it again. The monitor may not run (a loop
   * started by hand for a host without one): then it is noted, and the loop still resolves.
   */
  void teachBaseline(Decision decision, List<Finding> findings) {
    List<AcceptedEntry> entries = Acceptance.entriesFor(findings, loop.loopId(), decision.by(), decision.at().toEpochMilli());
    if (entries.isEmpty()) {
      loop.state.note("baseline", "nothing to learn from a " + loop.finding.kind().slug() + " finding");
      return;
    }
    String monitor = HostMonitorWorkflow.workflowId(loop.host());
    try {
      Workflow.newUntypedExternalWorkflowStub(monitor).signal(HostMonitorWorkflow.SIGNAL_ACCEPT, entries);
      loop.state.note("baseline", monitor + " accepts " + String.join("; ", entries.stream()
          .map(e -> e.kind() + " " + e.key().replace('\t', ' ')).toList()) + " (undo: ./rack baseline forget " + loop.host()
          + " " + loop.loopId() + ")");
    } catch (RuntimeException e) {
      // The monitor's id is fixed; a failure means it is not running. Not worth failing the loop over.
      loop.state.note("baseline-failed", "could not tell " + monitor + ": " + e.getMessage());
    }
  }

  /** Ends the loop a person dismissed: CEO told it resolved (honestly worded), post-mortem sent. */
  LoopOutcome resolveDismissed(Decision decision, List<Finding> findings) {
    teachBaseline(decision, findings);
    loop.state.rootCause = "false positive (" + decision.by() + "): " + decision.text();
    loop.messages.dismissed(decision);
    return loop.finish(Phase.RESOLVED, "dismissed as a false positive by " + decision.by() + ": " + decision.text());
  }
}
