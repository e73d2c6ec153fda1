package rack.loop;

import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;
import rack.model.Finding;
import rack.remedy.ActionRecord;
import rack.remedy.ApprovedAction;
import rack.remedy.Remediation;

/**
 * A3.3: restore service at once while diagnosis continues, within policy. Every decision becomes an
 * {@link ActionRecord} (done, failed, dry-run or refused) so the report shows what was and was not
 * done. What policy holds back for a person (a protected container or process, the budget used up,
 * dry-run) is returned, so the loop can ask and, once approved, run it with {@link #runApproved}.
 */
final class EmergencyRemediation {
  private final LoopContext loop;
  private final List<String> heldReasons = new ArrayList<>();

  EmergencyRemediation(LoopContext loop) {
    this.loop = loop;
  }

  /**
   * @param symptoms the findings of one problem (main first): a DEGRADED service's stopped
   *     container is restarted although the main finding, the service, calls for nothing itself
   */
  static boolean calledFor(LoopContext loop, List<Finding> symptoms) {
    return !plan(loop, symptoms).isEmpty();
  }

  /** Whether {@link #restore} would hold something back right now (pure: decides, runs nothing). */
  static boolean wouldHold(LoopContext loop, List<Finding> symptoms) {
    return plan(loop, symptoms).stream().anyMatch(step -> RemediationGate.decide(
        loop.policy, step.action(), step.finding(), loop.state.actionTimes, LoopState.now()).verdict().heldForDecision());
  }

  /** One action and the finding that called for it (the gate reads the finding's facts). */
  private record Step(PlannedAction action, Finding finding) {}

  /** Every symptom's actions, each command once: a service and its container both say "restart it". */
  private static List<Step> plan(LoopContext loop, List<Finding> symptoms) {
    List<Step> steps = new ArrayList<>();
    java.util.Set<String> commands = new java.util.HashSet<>();
    for (Finding f : symptoms) {
      for (PlannedAction action : PlannedAction.forFinding(f, loop.restoreFirst)) {
        if (commands.add(action.command())) steps.add(new Step(action, f));
      }
    }
    return steps;
  }

  /** @return the actions held back for a person, in order; empty when everything ran or was refused outright */
  List<PlannedAction> restore(List<Finding> symptoms) {
    List<PlannedAction> held = new ArrayList<>();
    for (Step step : plan(loop, symptoms)) {
      PlannedAction action = step.action();
      var decision = RemediationGate.decide(loop.policy, action, step.finding(), loop.state.actionTimes, LoopState.now());
      switch (decision.verdict()) {
        case RUN -> loop.state.recordAction(run(action), true);
        case DRY_RUN -> loop.state.recordAction(notRun(action, "dry-run", decision.reason()), false);
        case REFUSED, PROTECTED, OVER_BUDGET -> loop.state.recordAction(notRun(action, "refused", decision.reason()), false);
      }
      if (decision.verdict().heldForDecision()) {
        held.add(action);
        if (!heldReasons.contains(decision.reason())) heldReasons.add(decision.reason());
      }
    }
    return held;
  }

  /** Why the actions were held, in words, for the decision request. */
  String heldReason() {
    return String.join("; ", heldReasons);
  }

  /** The held actions, approved by a person: run past the policy's protection, dry-run and budget. */
  void runApproved(List<PlannedAction> held, Finding finding, Decision decision) {
    for (PlannedAction action : held) {
      String key = loop.loopId() + "/approved-" + action.step() + "#" + loop.round();
      Remediation remediation = loop.activities.remediation("ssh " + loop.host() + ": " + action.command() + " (approved by " + decision.by() + ")");
      ActionRecord result;
      try {
        result = remediation.runApproved(loop.host(), new ApprovedAction(action.step(), action.target(), action.pid(),
            action.expectedCommand(), decision.by()), key);
      } catch (ActivityFailure e) {
        result = notRun(action, "failed", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      }
      loop.state.recordAction(result, result.exitCode() != null);
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
