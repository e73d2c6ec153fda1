package rack.loop;

import io.temporal.failure.ActivityFailure;
import rack.model.Finding;
import rack.remedy.ActionRecord;
import rack.remedy.Remediation;

/**
 * A3.3: restore service at once while diagnosis continues, within policy. Every decision becomes an
 * {@link ActionRecord} (done, failed, dry-run or refused) so the report shows what was and was not
 * done; over budget, rack stops acting and escalates.
 */
final class EmergencyRemediation {
  private final LoopContext loop;

  EmergencyRemediation(LoopContext loop) {
    this.loop = loop;
  }

  static boolean calledFor(Finding finding) {
    return !PlannedAction.forFinding(finding).isEmpty();
  }

  void restore(Finding finding) {
    for (PlannedAction action : PlannedAction.forFinding(finding)) {
      var decision = RemediationGate.decide(loop.policy, action, finding, loop.state.actionTimes, LoopState.now());
      switch (decision.verdict()) {
        case RUN -> loop.state.recordAction(run(action), true);
        case DRY_RUN -> loop.state.recordAction(notRun(action, "dry-run", decision.reason()), false);
        case REFUSED -> loop.state.recordAction(notRun(action, "refused", decision.reason()), false);
        case OVER_BUDGET -> {
          loop.state.recordAction(notRun(action, "refused", decision.reason()), false);
          loop.messages.escalate("budget#" + loop.round(), "rack stopped acting: " + decision.reason(),
              "Wanted: " + action.command() + "\nFinding: " + finding.summary()
                  + "\nThe developer has the diagnostic report; a human decides on further action.");
          return;
        }
      }
    }
  }

  private ActionRecord run(PlannedAction action) {
    String key = loop.loopId() + "/" + action.step() + "#" + loop.round();
    Remediation remediation = loop.activities.remediation("ssh " + loop.host() + ": " + action.command());
    try {
      return switch (action.kind()) {
        case RESTART_CONTAINER -> remediation.restartContainer(loop.host(), action.target(), key);
        case CLEAR_DISK -> remediation.clearDisk(loop.host(), action.target(), key);
        case KILL_PROCESS -> remediation.killProcess(loop.host(), action.pid(), action.expectedCommand(), key);
      };
    } catch (ActivityFailure e) {
      return notRun(action, "failed", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
  }

  private ActionRecord notRun(PlannedAction action, String outcome, String reason) {
    return new ActionRecord(action.step(), loop.host(), action.command(), null, null, reason, outcome, LoopState.now());
  }
}
