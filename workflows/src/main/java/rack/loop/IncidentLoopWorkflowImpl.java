package rack.loop;

import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import rack.diagnose.DiagnosticBundle;
import rack.diagnose.Diagnosis;
import rack.diagnose.IncidentReport;
import rack.diagnose.RootCauseRules;
import rack.model.Finding;

/**
 * The infrastructure monitoring and incident response loop (DESIGN A3), written as the runbook:
 * announce, restore service, diagnose, hand the report to the developer, then the shared tail
 * (PR, merge, settle, verify, resolve or restart).
 */
public class IncidentLoopWorkflowImpl extends LoopWorkflowBase implements IncidentLoopWorkflow {
  private LoopContext loop;

  @Override
  public LoopOutcome run(LoopInput input) {
    loop = new LoopContext(input, state, prs);
    Finding finding = input.finding();

    loop.enter(Phase.DETECTED, null, null);
    // Every symptom of the problem in this check: a DEGRADED service's exited container is restored too.
    List<Finding> symptoms = loop.restoreFirst ? symptoms(finding, input.related()) : List.of(finding);
    // When policy holds the restore back, the decision request is the CEO's first message instead.
    // Restore first: the message is delivered in the background, so the restart below starts at once
    // and a relay outage delays only the message (LoopMessenger).
    if (!EmergencyRemediation.wouldHold(loop, symptoms)) loop.messages.incidentStarted(finding);
    if (EmergencyRemediation.calledFor(loop, symptoms)) {
      LoopOutcome dismissed = restoreService(finding, symptoms);
      if (dismissed != null) return dismissed;
    }
    Diagnosis diagnosis = diagnose(finding, "Diagnostic report");
    if (!diagnosis.determined()) escalateUnknownRootCause(finding, diagnosis);
    loop.messages.report(state.report);

    return new PullRequestTail(loop).run(new IncidentFix(finding));
  }

  /**
   * Restores what policy lets rack restore alone; what it holds back (a protected container, the
   * budget used up, dry-run) waits for a person: approved, it runs; dismissed, the loop resolves.
   *
   * @return the outcome when a person dismissed the finding, else null (the loop goes on)
   */
  private LoopOutcome restoreService(Finding finding, List<Finding> symptoms) {
    loop.enter(Phase.REMEDIATING, "emergency remediation on " + loop.host(), null);
    EmergencyRemediation remediation = new EmergencyRemediation(loop);
    List<PlannedAction> held = remediation.restore(symptoms);
    if (held.isEmpty()) return null;
    HumanDecision human = new HumanDecision(loop);
    Decision decision = human.ask(finding, remediation.heldReason(),
        String.join(", ", held.stream().map(PlannedAction::command).toList()));
    if (decision.dismissed()) return human.resolveDismissed(decision, symptoms);
    loop.enter(Phase.REMEDIATING, "approved remediation on " + loop.host(), decision.by());
    remediation.runApproved(held, finding, decision);
    return null;
  }

  /** Diagnostics activity (read-only) plus the pure root-cause rules; writes the report into state. */
  private Diagnosis diagnose(Finding finding, String heading) {
    loop.enter(Phase.DIAGNOSING, "diagnostics from " + loop.host(), null);
    List<String> containers = containersOf(finding, loop.related);
    DiagnosticBundle bundle = null;
    try {
      bundle = loop.activities.diagnostics("ssh " + loop.host() + ": gather diagnostics"
          + (containers.isEmpty() ? "" : " for " + String.join(", ", containers))).gather(loop.host(), containers);
    } catch (ActivityFailure e) {
      state.note("diagnostics-failed", e.getMessage());
    }
    Diagnosis diagnosis = new RootCauseRules(loop.thresholds).diagnose(finding, bundle);
    state.rootCause = diagnosis.rootCause();
    state.report = IncidentReport.render(loop.loopId(), finding, diagnosis, state.actions, bundle, heading);
    state.note("diagnosed", diagnosis.rootCause());
    return diagnosis;
  }

  private void escalateUnknownRootCause(Finding finding, Diagnosis diagnosis) {
    StringBuilder context = new StringBuilder()
        .append("Finding: ").append(finding.summary()).append(" (").append(finding.severity().label()).append(")\n")
        .append("Evidence:\n");
    diagnosis.evidence().stream().limit(8).forEach(e -> context.append("- ").append(e).append('\n'));
    context.append("Actions taken: ").append(state.actions.isEmpty() ? "none"
        : String.join("; ", state.actions.stream().map(a -> a.command() + " (" + a.outcome() + ")").toList()));
    context.append("\nThe developer has the full diagnostic report.");
    loop.messages.escalate("root-cause#" + loop.round(), "root cause could not be determined", context.toString());
  }

  /**
   * The containers a problem points at, for the logs and inspect output the report cites: the ones
   * its findings name or were linked to. A status-page name is never one: it is not a container.
   */
  private static List<String> containersOf(Finding finding, List<Finding> related) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Finding f : symptoms(finding, related)) {
      names.addAll(PlannedAction.linkedContainers(f));
      if (f.kind().name().startsWith("CONTAINER_") && f.fact("container") == null && f.subject() != null) names.add(f.subject());
    }
    return List.copyOf(names);
  }

  /** The main finding and the other symptoms of the same problem from the same check. */
  private static List<Finding> symptoms(Finding finding, List<Finding> related) {
    List<Finding> all = new ArrayList<>(List.of(finding));
    all.addAll(related);
    return all;
  }

  /** On recurrence: restore service again if it is down, re-diagnose, and send the new report. */
  private final class IncidentFix implements PullRequestTail.Fix {
    private final Finding original;

    IncidentFix(Finding original) {
      this.original = original;
    }

    @Override
    public Recurrence recurrence() {
      return Recurrence.sameFingerprint(original);
    }

    @Override
    public String afterRecurrence(Recurrence.Sighting sighting) {
      Finding now = sighting.finding() != null ? sighting.finding() : original;
      if (EmergencyRemediation.calledFor(loop, List.of(now)) && restoreService(now, List.of(now)) != null) return null; // dismissed: the loop has ended
      diagnose(now, "Updated diagnostics after recurrence " + state.restarts + " (" + sighting.what() + ")");
      return state.report;
    }
  }
}
