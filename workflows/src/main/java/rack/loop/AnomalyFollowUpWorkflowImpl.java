package rack.loop;

import rack.diagnose.AnomalyReport;
import rack.model.Finding;

/**
 * The infrastructure anomaly follow-up loop (DESIGN A4): contain first, in forensic order, then tell
 * the CEO, give the developer the full report with the setup-script changes, and run the shared tail
 * (verification = re-scan clean). When rack will not act alone (weak evidence, a process the policy
 * protects, dry-run) it asks the CEO once and waits for a person: approve runs the plan and the loop
 * goes on; dismiss resolves it as a false positive and the host's baseline accepts it. What nobody
 * may approve (a changed host key, containment not allowed, init or sshd) is reported, escalated and
 * ends: a human takes over.
 */
public class AnomalyFollowUpWorkflowImpl extends LoopWorkflowBase implements AnomalyFollowUpWorkflow {
  private LoopContext loop;

  @Override
  public LoopOutcome run(LoopInput input) {
    loop = new LoopContext(input, state, prs);
    Finding finding = input.finding();
    state.rootCause = finding.summary();

    loop.enter(Phase.DETECTED, null, null);
    AnomalyContainment.Result contained = new AnomalyContainment(loop).contain(finding);
    if (contained.awaitsDecision()) {
      writeReport(finding, contained, "Awaiting a decision: " + contained.handOverReason(), "Anomaly report");
      HumanDecision human = new HumanDecision(loop);
      Decision decision = human.ask(finding, contained.handOverReason(), planned(contained.plan()));
      if (decision.dismissed()) {
        writeReport(finding, contained, "Dismissed as a false positive by " + decision.by() + ": " + decision.text(), "Anomaly report");
        return human.resolveDismissed(decision, allFindings(input));
      }
      // Approved: the decision request was the CEO's first message; the rest of the loop is as usual.
      contained = new AnomalyContainment(loop).containApproved(finding, decision.by());
    } else if (contained.handedOver()) {
      writeReport(finding, contained, "Not contained: " + contained.handOverReason(), "Anomaly report");
      loop.messages.escalate("not-contained", "Infrastructure anomaly detected: " + LoopMessenger.oneLine(finding.summary())
          + ". Not contained automatically: " + contained.handOverReason() + ".",
          "The full report went to " + loop.people.developer() + "; a human decides what to do.");
      loop.messages.report(state.report);
      return loop.finish(Phase.ESCALATED, "handed over: " + contained.handOverReason());
    } else {
      loop.messages.anomalyStarted(finding, contained.complete() ? "Remediated" : "Partly remediated");
    }
    if (!contained.complete()) {
      loop.messages.escalate("containment#" + loop.round(), "containment did not complete",
          "Finding: " + finding.summary() + "\nSee the action list in the report sent to " + loop.people.developer() + ".");
    }
    writeReport(finding, contained, statusOf(contained), "Anomaly report");
    loop.messages.report(state.report);

    return new PullRequestTail(loop).run(new AnomalyFix(finding, contained.plan()));
  }

  private static java.util.List<Finding> allFindings(LoopInput input) {
    java.util.List<Finding> all = new java.util.ArrayList<>();
    all.add(input.finding());
    all.addAll(input.related());
    return all;
  }

  /** What approval will run, in words, for the decision request. */
  private static String planned(ContainmentPlan plan) {
    if (plan.refused() && plan.processes().isEmpty() && plan.persistence().isEmpty()) {
      return "capture evidence, stop and kill the process and its watchdog, remove the persistence that runs it, quarantine its files";
    }
    java.util.List<String> steps = new java.util.ArrayList<>();
    plan.processes().forEach(t -> steps.add("kill " + t.pid() + " (" + t.role() + ")"));
    plan.persistence().forEach(p -> steps.add("remove " + p.type() + " " + p.path()));
    plan.quarantine().forEach(q -> steps.add("quarantine " + q));
    return "capture evidence, then " + String.join(", ", steps);
  }

  private void writeReport(Finding finding, AnomalyContainment.Result contained, String status, String heading) {
    state.report = AnomalyReport.render(loop.loopId(), finding, status, contained.plan().persistence(),
        contained.evidence(), contained.actions(), heading);
  }

  private static String statusOf(AnomalyContainment.Result contained) {
    if (contained.actions().isEmpty()) return "Nothing to contain automatically";
    return contained.complete() ? "Contained: processes stopped and killed, persistence removed, files quarantined"
        : "Containment incomplete: see the actions below";
  }

  /** On recurrence: contain again (it is running again) and send the updated report. */
  private final class AnomalyFix implements PullRequestTail.Fix {
    private final Finding original;
    private ContainmentPlan lastPlan;

    AnomalyFix(Finding original, ContainmentPlan plan) {
      this.original = original;
      this.lastPlan = plan;
    }

    @Override
    public Recurrence recurrence() {
      return new AnomalyRecurrence(original, lastPlan);
    }

    @Override
    public String afterRecurrence(Recurrence.Sighting sighting) {
      Finding now = sighting.finding() != null ? sighting.finding() : original;
      AnomalyContainment.Result again = new AnomalyContainment(loop).contain(now);
      if (!again.plan().refused()) lastPlan = again.plan();
      String status = again.handedOver() ? "Not contained again: " + again.handOverReason() : statusOf(again);
      writeReport(now, again, status, "Updated report after recurrence " + state.restarts + " (" + sighting.what() + ")");
      return state.report;
    }
  }
}
