package rack.loop;

import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import rack.contain.Containment;
import rack.contain.EvidenceCapture;
import rack.contain.PersistenceItem;
import rack.model.Finding;
import rack.model.HostSnapshot;
import rack.remedy.ActionRecord;

/**
 * A4.1 in forensic order (DESIGN C8), each step its own activity: capture evidence, stop the
 * processes (SIGSTOP, watchdog parents too), remove persistence, kill (identity re-checked), and
 * quarantine the executables and removed unit files. Containment is not limited by the hourly
 * remediation budget: a running miner must be stopped; it is limited by the contain-anomaly
 * permission, the protected processes, the evidence strength and dry-run.
 */
final class AnomalyContainment {
  /**
   * @param handOverReason non-null when rack did not act (refused, dry-run): a human takes over
   * @param decidable a person may approve what rack would not do alone (weak evidence, a process the
   *     policy protects, dry-run); false when nobody may (host key, policy, built-in protection)
   */
  record Result(ContainmentPlan plan, EvidenceCapture evidence, List<ActionRecord> actions, String handOverReason, boolean decidable) {
    Result(ContainmentPlan plan, EvidenceCapture evidence, List<ActionRecord> actions, String handOverReason) {
      this(plan, evidence, actions, handOverReason, false);
    }

    boolean handedOver() {
      return handOverReason != null;
    }

    boolean awaitsDecision() {
      return handedOver() && decidable;
    }

    boolean complete() {
      return actions.stream().noneMatch(a -> "failed".equals(a.outcome()) || "refused".equals(a.outcome()));
    }
  }

  private final LoopContext loop;

  AnomalyContainment(LoopContext loop) {
    this.loop = loop;
  }

  Result contain(Finding finding) {
    return contain(finding, loop.policy, null);
  }

  /** After a person approved: the plan is drawn and run without dry-run or the protected lists, and
   * every containment activity is told who approved, so the worker's own dry-run and protected list
   * hold back nothing either (the built-in protections still do). */
  Result containApproved(Finding finding, String approvedBy) {
    return contain(finding, loop.policy.approvedByPerson(), approvedBy);
  }

  private Result contain(Finding finding, rack.config.RemediationPolicy policy, String approvedBy) {
    loop.enter(Phase.CONTAINING, "containment on " + loop.host(), null);
    // Decide first without touching the host: a refusal (host key, policy, weak evidence) needs no SSH.
    ContainmentPlan firstLook = ContainmentPlan.forFinding(finding, loop.related, null, policy);
    ContainmentPlan plan = firstLook.refused() ? firstLook : ContainmentPlan.forFinding(finding, loop.related, freshSnapshot(), policy);
    List<ActionRecord> actions = new ArrayList<>();
    if (plan.refused()) {
      record(actions, notRun("contain-anomaly", "contain " + finding.subject(), "refused", plan.refusal()));
      return new Result(plan, null, actions, plan.refusal(), plan.decidable());
    }
    if (policy.dryRun()) {
      planned(plan).forEach(a -> record(actions, a));
      return new Result(plan, null, actions, "dry-run: the containment plan is recorded, nothing was executed", true);
    }
    if (plan.nothingToDo()) return new Result(plan, null, actions, null);

    String host = loop.host();
    int round = loop.round();
    List<Integer> pids = plan.processes().stream().map(ContainmentPlan.Target::pid).toList();
    EvidenceCapture evidence = attempt(() -> containment("capture evidence of " + describe(plan))
        .captureEvidence(host, pids, plan.persistence(), key("capture", round), approvedBy), null);
    state().note("evidence", evidence == null ? "capture failed" : "captured " + evidence.outputs().size() + " outputs");
    List<String> quarantine = new ArrayList<>(plan.quarantine());
    quarantine.addAll(deletedBinaries(plan, evidence));

    for (ContainmentPlan.Target t : plan.processes()) {
      record(actions, attempt(() -> containment("kill -STOP " + t.pid() + " (" + t.role() + ")")
          .suspend(host, t.pid(), t.expectedCommand(), key("suspend-" + t.pid(), round), approvedBy),
          notRun("suspend", "kill -STOP " + t.pid(), "failed", "activity failed")));
    }
    if (!plan.persistence().isEmpty()) {
      List<ActionRecord> removed = attemptAll(() -> containment("remove " + plan.persistence().size() + " persistence item(s)")
          .removePersistence(host, plan.persistence(), key("persistence", round), approvedBy), "remove-persistence", "remove persistence");
      removed.forEach(a -> record(actions, a));
    }
    for (ContainmentPlan.Target t : plan.processes()) {
      record(actions, attempt(() -> containment("kill -KILL " + t.pid() + " (" + t.role() + ")")
          .kill(host, t.pid(), t.expectedCommand(), key("kill-" + t.pid(), round), approvedBy),
          notRun("kill", "kill -KILL " + t.pid(), "failed", "activity failed")));
    }
    if (!quarantine.isEmpty()) {
      List<ActionRecord> moved = attemptAll(() -> containment("quarantine " + String.join(", ", quarantine))
          .quarantine(host, quarantine, key("quarantine", round), approvedBy), "quarantine", "quarantine");
      moved.forEach(a -> record(actions, a));
    }
    return new Result(plan, evidence, actions, null);
  }

  /**
   * A binary deleted after start cannot be moved, but evidence capture copied it out of
   * /proc/PID/exe into the evidence dir before anything was stopped: that copy is what goes to
   * quarantine (with its sha256 in the manifest), so the payload is kept, unreadable, either way.
   */
  private static List<String> deletedBinaries(ContainmentPlan plan, EvidenceCapture evidence) {
    if (evidence == null || evidence.evidenceDir() == null || evidence.outputs() == null) return List.of();
    List<String> copies = new ArrayList<>();
    for (ContainmentPlan.Target t : plan.processes()) {
      String link = evidence.outputs().get("readlink /proc/" + t.pid() + "/exe");
      if (link != null && link.strip().endsWith("(deleted)")) copies.add(evidence.evidenceDir() + "/exe-" + t.pid() + ".bin");
    }
    return copies;
  }

  private HostSnapshot freshSnapshot() {
    try {
      return loop.activities.probe("scan " + loop.host() + " before containment").collect(loop.host());
    } catch (ActivityFailure e) {
      state().note("probe-failed", e.getMessage());
      return null;
    }
  }

  /** The plan as dry-run records, one per step, in the order containment would run them. */
  private List<ActionRecord> planned(ContainmentPlan plan) {
    List<ActionRecord> steps = new ArrayList<>();
    String pids = String.join(" ", plan.processes().stream().map(t -> Integer.toString(t.pid())).toList());
    steps.add(notRun("capture-evidence", "capture ps, ss, /proc/PID/{cmdline,exe,status}, sha256 for pids " + pids,
        "dry-run", "dry-run: not executed"));
    plan.processes().forEach(t -> steps.add(notRun("suspend", "kill -STOP " + t.pid() + " (" + t.expectedCommand() + ")", "dry-run", "dry-run: not executed")));
    for (PersistenceItem p : plan.persistence()) {
      steps.add(notRun("remove-persistence", "remove " + p.type() + " `" + p.match() + "` from " + p.path(), "dry-run", "dry-run: not executed"));
    }
    plan.processes().forEach(t -> steps.add(notRun("kill", "kill -KILL " + t.pid() + " (" + t.expectedCommand() + ")", "dry-run", "dry-run: not executed")));
    plan.quarantine().forEach(path -> steps.add(notRun("quarantine", "move " + path + " to quarantine, chmod 000", "dry-run", "dry-run: not executed")));
    return steps;
  }

  private Containment containment(String summary) {
    return loop.activities.containment("ssh " + loop.host() + ": " + summary);
  }

  private String key(String step, int round) {
    return loop.loopId() + "/" + step + "#" + round;
  }

  private void record(List<ActionRecord> actions, ActionRecord action) {
    actions.add(action);
    state().recordAction(action, action.exitCode() != null);
  }

  private <T> T attempt(Supplier<T> step, T onFailure) {
    try {
      return step.get();
    } catch (ActivityFailure e) {
      state().note("containment-failed", e.getMessage());
      return onFailure;
    }
  }

  private List<ActionRecord> attemptAll(Supplier<List<ActionRecord>> step, String name, String command) {
    List<ActionRecord> result = attempt(step, null);
    return result != null ? result : List.of(notRun(name, command, "failed", "activity failed"));
  }

  private ActionRecord notRun(String step, String command, String outcome, String reason) {
    return new ActionRecord(step, loop.host(), command, null, null, reason, outcome, LoopState.now());
  }

  private static String describe(ContainmentPlan plan) {
    return plan.processes().isEmpty() ? plan.persistence().size() + " persistence item(s)"
        : "pids " + String.join(", ", plan.processes().stream().map(t -> Integer.toString(t.pid())).toList());
  }

  private LoopState state() {
    return loop.state;
  }
}
