package rack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.messaging.MessageKind.DIAGNOSTIC_REPORT;
import static rack.messaging.MessageKind.ESCALATION;
import static rack.messaging.MessageKind.LOOP_RESOLVED;
import static rack.messaging.MessageKind.LOOP_RESTARTING;
import static rack.messaging.MessageKind.LOOP_STARTED;
import static rack.messaging.MessageKind.POST_MORTEM;
import static rack.messaging.MessageKind.PR_CLOSED_UNMERGED;
import static rack.messaging.MessageKind.PR_READY;
import static rack.messaging.MessageKind.PR_REMINDER;
import static rack.messaging.MessageKind.UPDATED_DIAGNOSTICS;
import static rack.messaging.Recipient.CEO;
import static rack.messaging.Recipient.DEVELOPER;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rack.config.RemediationPolicy;
import rack.config.Thresholds;
import rack.detect.Baselines;
import rack.detect.Detector;
import rack.messaging.Message;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.Severity;

class IncidentLoopWorkflowTest {
  private static final Finding API_DOWN = new Finding(Snapshots.HOST, FindingKind.CONTAINER_DOWN, Severity.CRITICAL, "api",
      "Container api is down (exited)", List.of("docker ps -a: api Exited (1) 1 minute ago"), Map.of("container", "api"));
  private static final String ID = API_DOWN.fingerprint();
  private static final String STARTED =
      "Staging anomaly detected: Container api is down (exited). Starting infrastructure monitoring and incident response loop.";
  private static final String RESOLVED =
      "Infrastructure monitoring and incident response loop resolved. All services healthy, permanent fix merged.";
  private static final String ROOT_CAUSE =
      "Container api crash-loops (exit code 1, 0 restarts): Error: connect ECONNREFUSED 10.0.0.5:5432";

  private static final PullRequest PR_41 = new PullRequest(41, "https://git.example/pr/41", "rack/" + ID);
  private static final PullRequest PR_42 = new PullRequest(42, "https://git.example/pr/42", "rack/" + ID + "-2");

  private LoopTestBed bed;

  private LoopTestBed crashingApiBed(HostSnapshot... verification) {
    var bundle = LoopTestBed.bundle(Snapshots.withContainers(Snapshots.exited("api", 1, false, null)),
        Map.of("docker logs api --tail 100", "api starting\nError: connect ECONNREFUSED 10.0.0.5:5432\nexiting"));
    bed = new LoopTestBed(bundle, verification);
    return bed;
  }

  @AfterEach
  void close() {
    if (bed != null) bed.close();
  }

  @Test
  void resolvedFirstTime() throws Exception {
    crashingApiBed();
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, RemediationPolicy.defaults()));
    loop.prOpened(PR_41);
    loop.prMerged(PR_41);
    LoopOutcome outcome = bed.result(ID);

    assertEquals(Phase.RESOLVED, outcome.finalPhase());
    assertEquals(List.of(STARTED, "PR ready for approval: rack/" + ID + ". Root cause: " + ROOT_CAUSE + ".", RESOLVED),
        bed.messenger.texts(CEO));
    assertEquals(List.of(DIAGNOSTIC_REPORT, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    assertEquals(List.of("restart api " + ID + "/restart-container#1"), bed.remediation.calls);
    // settle 10 min, then checks at 0, 10, 20, 30 min of the 30 min window
    assertEquals(4, bed.probe.calls.size());

    String report = bed.messenger.first(DIAGNOSTIC_REPORT).text();
    for (String field : List.of("**Summary:** Container api is down (exited)", "**Severity:** Critical (P0 customer-impacting)",
        "**Affected services:** api", "## Root cause\n\n" + ROOT_CAUSE, "## Evidence", "log: Error: connect ECONNREFUSED",
        "## Immediate action taken", "`docker restart 'api'` — done, exit code 0, output sha256", "## Recommended permanent fix",
        "healthcheck", "`rack/" + ID + "`", "Rack-Loop: " + ID, "./rack pr opened " + ID)) {
      assertTrue(report.contains(field), "report lacks «" + field + "»:\n" + report);
    }
    Message ceoFirst = bed.messenger.sent.stream().filter(m -> m.recipient() == CEO).findFirst().orElseThrow();
    assertEquals(ID + "/loop-started", ceoFirst.idempotencyKey());
    assertEquals(ID + "/pr-ready#1/pr-41", bed.messenger.first(PR_READY).idempotencyKey());

    LoopStatus status = loop.status();
    assertEquals(Phase.RESOLVED, status.phase());
    assertTrue(status.merged());
    // Delivered in order per recipient; the two recipients' messages may interleave either way.
    assertEquals(List.of(LOOP_STARTED, PR_READY, LOOP_RESOLVED), status.messagesSent().stream().filter(k -> k.recipient() == CEO).toList());
    assertEquals(List.of(DIAGNOSTIC_REPORT, POST_MORTEM), status.messagesSent().stream().filter(k -> k.recipient() == DEVELOPER).toList());
    String postMortem = bed.messenger.first(POST_MORTEM).text();
    assertTrue(postMortem.contains("**MTTR:** 40m\n"), postMortem); // 10 min settle + 30 min window
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  @Test
  void recurrenceThenResolved() throws Exception {
    crashingApiBed();
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, RemediationPolicy.defaults()));
    loop.prOpened(PR_41);
    loop.prMerged(PR_41);
    bed.sleep(Duration.ofMinutes(12)); // settled after 10 min, verifying
    assertEquals(Phase.VERIFYING, loop.status().phase());
    loop.observe(API_DOWN); // the monitor sees it again
    bed.sleep(Duration.ofMinutes(1));
    assertEquals(Phase.AWAITING_PR, loop.status().phase());
    assertEquals(1, loop.status().restarts());
    loop.prOpened(PR_42);
    loop.prMerged(PR_42);
    LoopOutcome outcome = bed.result(ID);

    assertEquals(Phase.RESOLVED, outcome.finalPhase());
    assertEquals(1, outcome.restarts());
    assertEquals(List.of(LOOP_STARTED, PR_READY, LOOP_RESTARTING, PR_READY, LOOP_RESOLVED), bed.messenger.kinds(CEO));
    assertEquals("Infrastructure monitoring and incident response loop: issue recurred after first fix. Restarting loop with dana.",
        bed.messenger.first(LOOP_RESTARTING).text());
    assertEquals(List.of(DIAGNOSTIC_REPORT, UPDATED_DIAGNOSTICS, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    assertTrue(bed.messenger.first(UPDATED_DIAGNOSTICS).text().contains("Updated diagnostics after recurrence 1"));
    assertEquals(List.of("restart api " + ID + "/restart-container#1", "restart api " + ID + "/restart-container#2"),
        bed.remediation.calls);
    assertEquals(2, bed.diagnostics.calls.size());
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  @Test
  void restartCapEscalatesAndEnds() throws Exception {
    crashingApiBed();
    LoopInput input = new LoopInput(API_DOWN, LoopTestBed.settings(1), RemediationPolicy.defaults(), Thresholds.defaults(),
        LoopTestBed.PEOPLE);
    IncidentLoopWorkflow loop = bed.startIncident(input);
    for (PullRequest pr : List.of(PR_41, PR_42)) {
      loop.prOpened(pr);
      loop.prMerged(pr);
      bed.sleep(Duration.ofMinutes(12));
      loop.observe(API_DOWN);
      bed.sleep(Duration.ofMinutes(1));
    }
    LoopOutcome outcome = bed.result(ID);

    assertEquals(Phase.ESCALATED, outcome.finalPhase());
    assertEquals(2, outcome.restarts());
    assertEquals(List.of(LOOP_STARTED, PR_READY, LOOP_RESTARTING, PR_READY, ESCALATION), bed.messenger.kinds(CEO));
    assertTrue(bed.messenger.first(ESCALATION).text().contains("came back after 1 fixes"));
    assertEquals(List.of(DIAGNOSTIC_REPORT, UPDATED_DIAGNOSTICS, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  @Test
  void noPrRemindsTheDeveloperThenEscalatesOnceAndKeepsWaiting() throws Exception {
    crashingApiBed();
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, RemediationPolicy.defaults()));
    bed.sleep(Duration.ofHours(3));
    assertEquals(List.of(DIAGNOSTIC_REPORT), bed.messenger.kinds(DEVELOPER));
    bed.sleep(Duration.ofHours(2));
    assertEquals(List.of(DIAGNOSTIC_REPORT, PR_REMINDER), bed.messenger.kinds(DEVELOPER));
    assertEquals(List.of(LOOP_STARTED), bed.messenger.kinds(CEO));
    bed.sleep(Duration.ofHours(20));
    assertEquals(List.of(LOOP_STARTED, ESCALATION), bed.messenger.kinds(CEO));
    assertTrue(bed.messenger.first(ESCALATION).text().contains("no PR from dana after 1d"));
    bed.sleep(Duration.ofDays(3)); // no further reminders or escalations
    assertEquals(List.of(LOOP_STARTED, ESCALATION), bed.messenger.kinds(CEO));
    assertEquals(Phase.AWAITING_PR, loop.status().phase());

    loop.prOpened(PR_41);
    loop.prMerged(PR_41);
    assertEquals(Phase.RESOLVED, bed.result(ID).finalPhase());
    assertEquals(List.of(LOOP_STARTED, ESCALATION, PR_READY, LOOP_RESOLVED), bed.messenger.kinds(CEO));
    assertEquals(List.of(DIAGNOSTIC_REPORT, PR_REMINDER, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  @Test
  void prClosedUnmergedTellsTheDeveloperAndWaitsForAnotherPr() throws Exception {
    crashingApiBed();
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, RemediationPolicy.defaults()));
    loop.prOpened(PR_41);
    bed.sleep(Duration.ofMinutes(5));
    assertEquals(Phase.AWAITING_MERGE, loop.status().phase());
    loop.prClosed(PR_41);
    bed.sleep(Duration.ofMinutes(5));
    assertEquals(Phase.AWAITING_PR, loop.status().phase());
    loop.prOpened(PR_41); // re-opening a closed PR does not count
    bed.sleep(Duration.ofMinutes(1));
    assertEquals(Phase.AWAITING_PR, loop.status().phase());
    loop.prOpened(PR_42);
    loop.prMerged(PR_42);
    assertEquals(Phase.RESOLVED, bed.result(ID).finalPhase());

    assertEquals(List.of(LOOP_STARTED, PR_READY, PR_READY, LOOP_RESOLVED), bed.messenger.kinds(CEO));
    assertTrue(bed.messenger.texts(CEO).get(2).startsWith("PR ready for approval: rack/" + ID + "-2."));
    assertEquals(List.of(DIAGNOSTIC_REPORT, PR_CLOSED_UNMERGED, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  @Test
  void duplicateAndOutOfOrderSignalsNeverMessageTwice() throws Exception {
    crashingApiBed();
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, RemediationPolicy.defaults()));
    loop.observe(API_DOWN); // repeated detection: evidence only
    loop.prMerged(PR_41); // merge before open counts as both
    loop.prOpened(PR_41); // late open: duplicate
    loop.prOpened(PR_41);
    loop.prClosed(PR_41); // close after merge: ignored
    loop.prMerged(PR_41);
    loop.observe(API_DOWN);
    assertEquals(Phase.RESOLVED, bed.result(ID).finalPhase());

    assertEquals(List.of(LOOP_STARTED, PR_READY, LOOP_RESOLVED), bed.messenger.kinds(CEO));
    assertEquals(List.of(DIAGNOSTIC_REPORT, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    List<String> details = loop.status().timeline().stream().map(TimelineEntry::detail).toList();
    assertTrue(details.contains("PR #41 merged (counts as opened too)"), details.toString());
    assertTrue(details.contains("PR #41 opened: duplicate, ignored"), details.toString());
    assertTrue(details.contains("PR #41 closed after its merge: ignored"), details.toString());
    assertEquals(2, loop.status().timeline().stream().filter(e -> e.event().equals("observed")).count());
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  private static final String DECIDE = "\nApprove: ./rack loop approve " + ID + " [--note TEXT]"
      + "\nDismiss as a false positive: ./rack loop dismiss " + ID + " --reason TEXT";

  @Test
  void budgetExhaustedAsksOnceAndApprovalRestoresAndTheLoopGoesOn() throws Exception {
    crashingApiBed();
    RemediationPolicy oneAnHour = new RemediationPolicy(null, null, null, false, 1, false);
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, oneAnHour));
    loop.prOpened(PR_41);
    loop.prMerged(PR_41);
    bed.sleep(Duration.ofMinutes(12));
    loop.observe(API_DOWN); // recurs 22 minutes after the first restart: still within the hour
    bed.sleep(Duration.ofMinutes(1));
    assertEquals(Phase.AWAITING_DECISION, loop.status().phase());
    assertEquals(List.of("restart api " + ID + "/restart-container#1"), bed.remediation.calls, "over budget: nothing ran");
    assertEquals("approved", loop.approve(Decision.approve("ops-lead", "api must be up for the demo")).split(";")[0].split(": ")[1]);
    bed.sleep(Duration.ofMinutes(1));
    loop.prOpened(PR_42);
    loop.prMerged(PR_42);
    assertEquals(Phase.RESOLVED, bed.result(ID).finalPhase());

    assertEquals(List.of("restart api " + ID + "/restart-container#1", "approved restart-container api by ops-lead " + ID
        + "/approved-restart-container#2"), bed.remediation.calls);
    assertEquals(List.of(STARTED,
        "PR ready for approval: rack/" + ID + ". Root cause: " + ROOT_CAUSE + ".",
        "Infrastructure monitoring and incident response loop: issue recurred after first fix. Restarting loop with dana.",
        "Decision needed, infrastructure monitoring and incident response loop " + ID + " on staging: rack will not act alone"
            + " (remediation budget of 1 actions per hour is used up (1 in the last hour)). Planned: docker restart api." + DECIDE,
        "PR ready for approval: rack/" + ID + "-2. Root cause: " + ROOT_CAUSE + ".",
        RESOLVED), bed.messenger.texts(CEO));
    assertEquals(List.of("done", "refused", "done"), loop.status().actions().stream().map(a -> a.outcome()).toList());
    Decision decision = loop.status().decisions().get(0);
    assertEquals("ops-lead", decision.by());
    String postMortem = bed.messenger.first(POST_MORTEM).text();
    assertTrue(postMortem.contains("## Decisions\n\n- approved by ops-lead at " + decision.at() + ": api must be up for the demo"), postMortem);
    assertTrue(postMortem.contains("| decision | approved by ops-lead"), postMortem);
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  @Test
  void protectedContainerWaitsForADecisionAndApprovalRestartsIt() throws Exception {
    crashingApiBed();
    RemediationPolicy apiProtected = new RemediationPolicy(null, List.of("api"), null, false, 5, false);
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, apiProtected));
    bed.sleep(Duration.ofMinutes(5));
    assertEquals(Phase.AWAITING_DECISION, loop.status().phase());
    assertEquals(List.of(), bed.remediation.calls);
    assertEquals(List.of(), bed.messenger.kinds(DEVELOPER), "no report before the decision: diagnosis follows the restore");
    // The decision request is the loop's first CEO message: nothing else was sent.
    String request = "Staging anomaly detected: Container api is down (exited). Starting infrastructure monitoring and incident"
        + " response loop " + ID + ", which waits for your decision: rack will not act alone (container api is protected by policy)."
        + " Planned: docker restart api." + DECIDE;
    assertEquals(List.of(request), bed.messenger.texts(CEO));
    // A decision the loop cannot take is refused with one clear reason, before anything is recorded.
    var rejected = org.junit.jupiter.api.Assertions.assertThrows(io.temporal.client.WorkflowUpdateException.class,
        () -> loop.dismiss(Decision.dismiss("dana", " ")));
    assertTrue(String.valueOf(rejected.getCause().getMessage()).contains("a dismissal needs a reason"), rejected.getCause().getMessage());

    loop.approve(Decision.approve("dana", null));
    loop.prOpened(PR_41);
    loop.prMerged(PR_41);
    assertEquals(Phase.RESOLVED, bed.result(ID).finalPhase());
    assertEquals(List.of("approved restart-container api by dana " + ID + "/approved-restart-container#1"), bed.remediation.calls);
    assertEquals(List.of(request, "PR ready for approval: rack/" + ID + ". Root cause: " + ROOT_CAUSE + ".", RESOLVED),
        bed.messenger.texts(CEO));
    assertEquals(List.of(DIAGNOSTIC_REPORT, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    var rejectedLate = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> loop.approve(Decision.approve("dana", null)));
    assertTrue(rejectedLate.getMessage() != null);
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  @Test
  void aDecisionNobodyTakesIsRemindedOnceAndStillWaits() throws Exception {
    crashingApiBed();
    RemediationPolicy apiProtected = new RemediationPolicy(null, List.of("api"), null, false, 5, false);
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, apiProtected));
    bed.sleep(Duration.ofHours(9));
    assertEquals(List.of(ESCALATION, ESCALATION), bed.messenger.kinds(CEO));
    assertEquals("Reminder: " + ID + " on staging has waited 4h for your decision." + DECIDE, bed.messenger.texts(CEO).get(1));
    assertEquals(Phase.AWAITING_DECISION, loop.status().phase());
    loop.decide(new Decision("approve", "dana", "via the UI", null));
    bed.sleep(Duration.ofMinutes(1));
    assertEquals(Phase.AWAITING_PR, loop.status().phase());
    assertEquals(List.of("approved restart-container api by dana " + ID + "/approved-restart-container#1"), bed.remediation.calls);
    loop.decide(new Decision("dismiss", "eve", "late", null));
    bed.sleep(Duration.ofMinutes(1));
    assertTrue(loop.status().timeline().stream().anyMatch(e -> e.event().equals("decision-ignored")
        && e.detail().contains("is not awaiting a decision (phase AWAITING_PR)")));
    bed.client.newUntypedWorkflowStub(ID).terminate("test done");
  }

  @Test
  void unknownRootCauseEscalatesWithContextAndStillHandsOff() throws Exception {
    Finding slow = new Finding(Snapshots.HOST, FindingKind.SLOW_RESPONSE, Severity.HIGH, "api",
        "api responds in 900 ms (baseline 120 ms)", List.of("status page: api 900 ms"), Map.of("service", "api"));
    bed = new LoopTestBed(LoopTestBed.bundle(Snapshots.healthy(), Map.of()));
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(slow, RemediationPolicy.defaults()));
    bed.sleep(Duration.ofMinutes(1));

    assertEquals(List.of(LOOP_STARTED, ESCALATION), bed.messenger.kinds(CEO));
    String escalation = bed.messenger.first(ESCALATION).text();
    assertTrue(escalation.contains("root cause could not be determined"), escalation);
    assertTrue(escalation.contains("api responds in 900 ms") && escalation.contains("status page: api 900 ms"), escalation);
    assertEquals(List.of(DIAGNOSTIC_REPORT), bed.messenger.kinds(DEVELOPER));
    assertEquals(List.of(), bed.remediation.calls, "nothing is down: no emergency action");
    assertEquals(Phase.AWAITING_PR, loop.status().phase());
    bed.client.newUntypedWorkflowStub(slow.fingerprint()).terminate("test done");
  }

  @Test
  void dryRunRecordsThePlanRunsNothingAndAsks() throws Exception {
    crashingApiBed();
    RemediationPolicy dryRun = new RemediationPolicy(null, null, null, true, 5, false);
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, dryRun));
    bed.sleep(Duration.ofMinutes(1));
    assertEquals(List.of(), bed.remediation.calls);
    var action = loop.status().actions().get(0);
    assertEquals("dry-run", action.outcome());
    assertEquals("docker restart api", action.command());
    assertEquals(Phase.AWAITING_DECISION, loop.status().phase());
    assertEquals(List.of(ESCALATION), bed.messenger.kinds(CEO));
    assertTrue(bed.messenger.first(ESCALATION).text().contains("(dry-run: planned, not executed)"));
    loop.dismiss(Decision.dismiss("dana", "drill"));
    assertEquals(Phase.RESOLVED, bed.result(ID).finalPhase());
    assertEquals("Infrastructure monitoring and incident response loop resolved: dismissed as a false positive by dana (drill)."
        + " rack took no further action.", bed.messenger.texts(CEO).get(1));
    assertEquals(List.of(), bed.remediation.calls);
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  /**
   * With the real detector: verification probes an exited api container, which the detector
   * reports as CONTAINER_DOWN with this loop's fingerprint, so the loop restarts.
   */
  @Test
  void recurrenceSeenByTheDetectorDuringVerification() throws Exception {
    // As compose runs it: restart policy unless-stopped, so an exited api is a finding on any check.
    HostSnapshot apiDown = Snapshots.withContainers(new rack.model.HostSnapshot.ContainerInfo("a1b2c3d4e5f6", "api", "busybox",
        "exited", "Exited (1) 1 minute ago", 0, false, 1, "unless-stopped", null, null, null, null), Snapshots.running("web"));
    boolean detectorFlagsIt = new Detector(Thresholds.defaults()).evaluate(apiDown, Baselines.empty()).findings().stream()
        .anyMatch(f -> f.fingerprint().equals(ID));
    assertTrue(detectorFlagsIt, "the detector reports the exited api as this loop's problem");

    crashingApiBed(apiDown, Snapshots.healthy());
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, RemediationPolicy.defaults()));
    loop.prOpened(PR_41);
    loop.prMerged(PR_41);
    bed.sleep(Duration.ofMinutes(12));
    assertEquals(1, loop.status().restarts());
    loop.prOpened(PR_42);
    loop.prMerged(PR_42);
    assertEquals(Phase.RESOLVED, bed.result(ID).finalPhase());
    assertEquals(List.of(LOOP_STARTED, PR_READY, LOOP_RESTARTING, PR_READY, LOOP_RESOLVED), bed.messenger.kinds(CEO));
    assertNotNull(bed.messenger.first(UPDATED_DIAGNOSTICS));
  }

  /**
   * Restore first (the seed's order): with the relay down, the stopped container is restarted at
   * once, diagnosis and the hand-off go on, and only the messages wait. When the relay recovers,
   * each is delivered exactly once, the CEO's in the order the loop sent them.
   */
  @Test
  void theRestoreDoesNotWaitForADownRelayAndEveryMessageArrivesOnceInOrder() throws Exception {
    crashingApiBed();
    bed.messenger.relayDown = true;
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(API_DOWN, RemediationPolicy.defaults()));
    bed.sleep(Duration.ofMinutes(20)); // the relay stays down; Temporal retries the messages meanwhile

    assertEquals(List.of("restart api " + ID + "/restart-container#1"), bed.remediation.calls, "restored during the outage");
    assertEquals(Phase.AWAITING_PR, loop.status().phase(), "diagnosed and handed off without waiting for the relay");
    assertEquals(List.of(), bed.messenger.sent);
    assertTrue(bed.messenger.refused.get() >= 4, "message 1 and the report were retried: " + bed.messenger.refused.get());

    bed.messenger.relayDown = false;
    bed.sleep(Duration.ofMinutes(6)); // the retry interval is at most 5 minutes
    assertEquals(List.of(STARTED), bed.messenger.texts(CEO));
    assertEquals(List.of(DIAGNOSTIC_REPORT), bed.messenger.kinds(DEVELOPER));
    loop.prOpened(PR_41);
    loop.prMerged(PR_41);
    assertEquals(Phase.RESOLVED, bed.result(ID).finalPhase());

    assertEquals(List.of(STARTED, "PR ready for approval: rack/" + ID + ". Root cause: " + ROOT_CAUSE + ".", RESOLVED),
        bed.messenger.texts(CEO), "three CEO messages, each once, in order");
    assertEquals(List.of(DIAGNOSTIC_REPORT, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    assertEquals("restart api", bed.events.get(0), "the restart ran before any message was delivered: " + bed.events);
    assertEquals("delivered CEO LOOP_STARTED", bed.events.stream().filter(e -> e.startsWith("delivered CEO")).findFirst().orElseThrow());
    bed.assertReplays(ID, IncidentLoopWorkflowImpl.class);
  }

  /**
   * A status-page service that no container could be linked to: rack restarts nothing (its name is
   * not a container), gathers diagnostics for no container by that name, and the report says which
   * containers were checked and why none was linked.
   */
  @Test
  void aDownServiceWithNoLinkableContainerRestartsNothingAndTheReportSaysWhy() throws Exception {
    HostSnapshot host = Snapshots.host(List.of(Snapshots.running("shop-web-1"), Snapshots.running("shop-worker-1")),
        List.of(Snapshots.INIT, Snapshots.SSHD), List.of(), List.of(),
        List.of(new HostSnapshot.ServiceStatus("staging/Payments", HostSnapshot.ServiceState.DOWN, null, "connection refused")));
    Finding down = new Detector(Thresholds.defaults()).evaluate(host, Baselines.empty()).findings().get(0);
    assertEquals(FindingKind.SERVICE_DOWN, down.kind());
    bed = new LoopTestBed(LoopTestBed.bundle(host, Map.of()), host);
    String id = down.fingerprint();
    IncidentLoopWorkflow loop = bed.startIncident(LoopTestBed.input(down, RemediationPolicy.defaults()));
    bed.sleep(Duration.ofMinutes(5));

    assertEquals(List.of(), bed.remediation.calls, "no docker command with a status-page name");
    assertEquals(List.of(Snapshots.HOST + " []"), bed.diagnostics.calls);
    String report = bed.messenger.first(DIAGNOSTIC_REPORT).text();
    assertTrue(report.contains("**Linked containers:** none, so nothing was restarted: no container linked:"), report);
    assertTrue(report.contains("checked: shop-web-1, shop-worker-1"), report);
    assertEquals(List.of(LOOP_STARTED, ESCALATION), bed.messenger.kinds(CEO), "escalated: the root cause is unknown");
    assertEquals(Phase.AWAITING_PR, loop.status().phase());
    bed.assertReplays(id, IncidentLoopWorkflowImpl.class);
  }
}
