package rack.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import rack.config.RemediationPolicy;
import rack.model.Finding;

/**
 * Policy's say on an emergency action, decided in the workflow before any activity runs (the
 * activity checks the worker's config again). The budget counts the actions this loop ran on the
 * host in the last hour of workflow time; a loop cannot see other loops' actions, the activity side
 * keeps the host-wide count.
 */
final class RemediationGate {
  enum Verdict {
    RUN,
    DRY_RUN,
    /** Never, whoever asks: the action is not allowed, or the process is init, a kernel thread, sshd... */
    REFUSED,
    /** The policy protects the container or process: a person may approve it. */
    PROTECTED,
    OVER_BUDGET;

    /** rack holds the action back for a person to approve (DESIGN: a decision, not a dead end). */
    boolean heldForDecision() {
      return this == DRY_RUN || this == PROTECTED || this == OVER_BUDGET;
    }
  }

  record Decision(Verdict verdict, String reason) {}

  private RemediationGate() {}

  static Decision decide(RemediationPolicy policy, PlannedAction action, Finding finding, List<Instant> ranAt, Instant now) {
    if (!policy.allows(action.kind().policyName)) {
      return new Decision(Verdict.REFUSED, "policy does not allow " + action.kind().policyName);
    }
    if (action.kind() == PlannedAction.Kind.RESTART_CONTAINER && policy.protectedContainers().contains(action.target())) {
      return new Decision(Verdict.PROTECTED, "container " + action.target() + " is protected by policy");
    }
    if (action.kind() == PlannedAction.Kind.KILL_PROCESS) {
      Integer ppid = PlannedAction.parsePid(finding.fact("ppid"));
      var builtIn = ProtectedProcesses.refusal(action.pid(), ppid, finding.fact("comm"), finding.fact("exe"), List.of());
      if (builtIn.isPresent()) return new Decision(Verdict.REFUSED, builtIn.get());
      var byPolicy = ProtectedProcesses.refusal(action.pid(), ppid, finding.fact("comm"), finding.fact("exe"), policy.protectedProcesses());
      if (byPolicy.isPresent()) return new Decision(Verdict.PROTECTED, byPolicy.get());
    }
    if (policy.dryRun()) return new Decision(Verdict.DRY_RUN, "dry-run: planned, not executed");
    Instant hourAgo = now.minus(Duration.ofHours(1));
    long lastHour = ranAt.stream().filter(at -> at.isAfter(hourAgo)).count();
    if (lastHour >= policy.budgetPerHour()) {
      return new Decision(Verdict.OVER_BUDGET, "remediation budget of " + policy.budgetPerHour()
          + " actions per hour is used up (" + lastHour + " in the last hour)");
    }
    return new Decision(Verdict.RUN, null);
  }
}
