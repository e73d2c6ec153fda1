package rack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.messaging.MessageKind.DIAGNOSTIC_REPORT;
import static rack.messaging.MessageKind.ESCALATION;
import static rack.messaging.MessageKind.LOOP_RESOLVED;
import static rack.messaging.MessageKind.LOOP_RESTARTING;
import static rack.messaging.MessageKind.LOOP_STARTED;
import static rack.messaging.MessageKind.POST_MORTEM;
import static rack.messaging.MessageKind.PR_READY;
import static rack.messaging.MessageKind.UPDATED_DIAGNOSTICS;
import static rack.messaging.Recipient.CEO;
import static rack.messaging.Recipient.DEVELOPER;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rack.config.RemediationPolicy;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.CronEntry;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.HostSnapshot.SystemdUnit;
import rack.model.Severity;

class AnomalyFollowUpWorkflowTest {
  private static final String MINER_ARGS = "/tmp/xmrig -o stratum+tcp://pool.example:3333";
  private static final String CRON_LINE = "* * * * * " + MINER_ARGS;
  private static final ProcessInfo WATCHDOG =
      new ProcessInfo(4200, 1, "www-data", 0.0, 0.1, 600, "S", "bash", "bash /tmp/.x/watch.sh", "/usr/bin/bash");
  private static final ProcessInfo MINER =
      new ProcessInfo(4242, 4200, "www-data", 390.0, 2.0, 600, "R", "xmrig", MINER_ARGS, "/tmp/xmrig");
  private static final List<CronEntry> CRON = List.of(new CronEntry("/var/spool/cron/crontabs/root", CRON_LINE),
      new CronEntry("/etc/cron.d/backup", "0 3 * * * root /usr/local/bin/backup"));
  private static final List<SystemdUnit> UNITS = List.of(
      new SystemdUnit("xmrig.service", "/etc/systemd/system/xmrig.service", "/tmp/xmrig --donate-level 1"),
      new SystemdUnit("nginx.service", "/etc/systemd/system/nginx.service", "/usr/sbin/nginx"));
  private static final HostSnapshot INFECTED =
      Snapshots.host(List.of(Snapshots.running("api")), List.of(Snapshots.INIT, Snapshots.SSHD, WATCHDOG, MINER), CRON, UNITS, List.of());
  private static final String STARTED = "Infrastructure anomaly detected: Cryptominer xmrig (pid 4242) running from /tmp/xmrig. "
      + "Remediated. Starting infrastructure anomaly follow-up loop.";
  private static final String RESOLVED = "Infrastructure anomaly follow-up loop resolved. Host clean, permanent fix merged.";

  private LoopTestBed bed;

  @AfterEach
  void close() {
    if (bed != null) bed.close();
  }

  private static Finding miner(Map<String, String> overrides) {
    Map<String, String> facts = new HashMap<>(Map.of("pid", "4242", "ppid", "4200", "exe", "/tmp/xmrig", "comm", "xmrig",
        "args", MINER_ARGS, "user", "www-data", "evidenceStrength", "strong"));
    facts.putAll(overrides);
    return new Finding(Snapshots.HOST, FindingKind.MINER_PROCESS, Severity.CRITICAL, "xmrig",
        "Cryptominer xmrig (pid 4242) running from /tmp/xmrig", List.of("ps: 4242 www-data 390% " + MINER_ARGS), facts);
  }

  private static void merge(AnomalyFollowUpWorkflow loop, int number) {
    PullRequest pr = new PullRequest(number, "https://git.example/pr/" + number, "rack/hardening-" + number);
    loop.prOpened(pr);
    loop.prMerged(pr);
  }

  @Test
  void containsInForensicOrderReportsAndResolves() throws Exception {
    bed = new LoopTestBed(null, INFECTED, Snapshots.healthy());
    Finding finding = miner(Map.of());
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(finding, RemediationPolicy.defaults()));
    merge(loop, 7);
    LoopOutcome outcome = bed.result(finding.fingerprint());

    assertEquals(Phase.RESOLVED, outcome.finalPhase());
    assertEquals(List.of(
        "capture [4200, 4242] [cron:" + CRON_LINE + ", systemd:xmrig.service]",
        "suspend 4200", "suspend 4242",
        "remove [cron:" + CRON_LINE + ", systemd:xmrig.service]",
        "kill 4200", "kill 4242",
        "quarantine [/tmp/xmrig, /etc/systemd/system/xmrig.service]"), bed.containment.calls);
    assertEquals(List.of(STARTED, "PR ready for approval: rack/hardening-7. Root cause: Cryptominer xmrig (pid 4242) running from /tmp/xmrig.",
        RESOLVED), bed.messenger.texts(CEO));
    assertEquals(List.of(DIAGNOSTIC_REPORT, POST_MORTEM), bed.messenger.kinds(DEVELOPER));

    String report = bed.messenger.first(DIAGNOSTIC_REPORT).text();
    for (String field : List.of("## What went wrong", "Cryptominer", "## Where", "exe: `/tmp/xmrig`", "user: `www-data`",
        "persistence (cron): /var/spool/cron/crontabs/root", "## Evidence", "sha256 of `/tmp/xmrig`: `deadbeef`",
        "stratum+tcp", "## Immediate action taken", "`kill -KILL 4242`", "`kill -STOP 4200`",
        "## Recommended changes to the infrastructure setup scripts", "noexec", "PasswordAuthentication no", "AllowUsers",
        "/etc/cron.allow", "codify these changes in the infrastructure setup scripts")) {
      assertTrue(report.contains(field), "report lacks «" + field + "»:\n" + report);
    }
    assertTrue(!report.contains("/usr/local/bin/backup") && !report.contains("nginx"), "unrelated persistence left alone");
    bed.assertReplays(finding.fingerprint(), AnomalyFollowUpWorkflowImpl.class);
  }

  @Test
  void minerBackAfterTheFixIsContainedAgainAndTheLoopRestarts() throws Exception {
    ProcessInfo respawned = new ProcessInfo(5555, 1, "www-data", 380.0, 2.0, 30, "R", "xmrig", MINER_ARGS, "/tmp/xmrig");
    HostSnapshot reinfected = Snapshots.host(List.of(Snapshots.running("api")),
        List.of(Snapshots.INIT, Snapshots.SSHD, respawned), List.of(), List.of(), List.of());
    // before containment, verification check 1 (miner back), before re-containment, then clean
    bed = new LoopTestBed(null, INFECTED, reinfected, reinfected, Snapshots.healthy());
    Finding finding = miner(Map.of());
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(finding, RemediationPolicy.defaults()));
    merge(loop, 7);
    bed.sleep(Duration.ofMinutes(12));
    assertEquals(1, loop.status().restarts());
    merge(loop, 8);
    LoopOutcome outcome = bed.result(finding.fingerprint());

    assertEquals(Phase.RESOLVED, outcome.finalPhase());
    assertEquals(List.of(LOOP_STARTED, PR_READY, LOOP_RESTARTING, PR_READY, LOOP_RESOLVED), bed.messenger.kinds(CEO));
    assertEquals("Infrastructure anomaly follow-up loop: issue recurred after first fix. Restarting loop with dana.",
        bed.messenger.first(LOOP_RESTARTING).text());
    assertEquals(List.of(DIAGNOSTIC_REPORT, UPDATED_DIAGNOSTICS, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    assertTrue(bed.containment.calls.containsAll(List.of("suspend 5555", "kill 5555", "quarantine [/tmp/xmrig]")), bed.containment.calls.toString());
    // The re-scan names the miner again (the detector's finding, re-pointed at the new pid 5555 above).
    assertTrue(bed.messenger.first(UPDATED_DIAGNOSTICS).text().contains("xmrig"), bed.messenger.first(UPDATED_DIAGNOSTICS).text());
    bed.assertReplays(finding.fingerprint(), AnomalyFollowUpWorkflowImpl.class);
  }

  /** Restore first in the anomaly loop: re-containment after a recurrence does not wait for the CEO's message. */
  @Test
  void aRecurrenceIsContainedAgainWhileTheRelayIsDown() throws Exception {
    ProcessInfo respawned = new ProcessInfo(5555, 1, "www-data", 380.0, 2.0, 30, "R", "xmrig", MINER_ARGS, "/tmp/xmrig");
    HostSnapshot reinfected = Snapshots.host(List.of(Snapshots.running("api")),
        List.of(Snapshots.INIT, Snapshots.SSHD, respawned), List.of(), List.of(), List.of());
    bed = new LoopTestBed(null, INFECTED, reinfected, reinfected, Snapshots.healthy());
    Finding finding = miner(Map.of());
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(finding, RemediationPolicy.defaults()));
    merge(loop, 7);
    bed.sleep(Duration.ofMinutes(2));
    assertEquals(List.of(LOOP_STARTED, PR_READY), bed.messenger.kinds(CEO));

    bed.messenger.relayDown = true;
    bed.sleep(Duration.ofMinutes(20)); // the miner is back at the first verification check (10 min after the merge)
    assertEquals(1, loop.status().restarts());
    assertTrue(bed.containment.calls.containsAll(List.of("suspend 5555", "kill 5555")), "contained during the outage: " + bed.containment.calls);
    assertEquals(List.of(LOOP_STARTED, PR_READY), bed.messenger.kinds(CEO), "the restart message waits for the relay");

    bed.messenger.relayDown = false;
    bed.sleep(Duration.ofMinutes(6));
    merge(loop, 8);
    assertEquals(Phase.RESOLVED, bed.result(finding.fingerprint()).finalPhase());
    assertEquals(List.of(LOOP_STARTED, PR_READY, LOOP_RESTARTING, PR_READY, LOOP_RESOLVED), bed.messenger.kinds(CEO));
    assertEquals(List.of(DIAGNOSTIC_REPORT, UPDATED_DIAGNOSTICS, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    bed.assertReplays(finding.fingerprint(), AnomalyFollowUpWorkflowImpl.class);
  }

  private static String decisionRequest(String id, String reason, String planned) {
    return "Infrastructure anomaly detected: Cryptominer xmrig (pid 4242) running from /tmp/xmrig. Starting infrastructure anomaly"
        + " follow-up loop " + id + ", which waits for your decision: rack will not act alone (" + reason + "). Planned: " + planned + "."
        + "\nApprove: ./rack loop approve " + id + " [--note TEXT]"
        + "\nDismiss as a false positive: ./rack loop dismiss " + id + " --reason TEXT";
  }

  @Test
  void weakEvidenceWaitsForADecisionThenApprovalContainsAndTheLoopResolves() throws Exception {
    bed = new LoopTestBed(null, INFECTED, Snapshots.healthy());
    Finding finding = miner(Map.of("evidenceStrength", "weak"));
    String id = finding.fingerprint();
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(finding, RemediationPolicy.defaults()));
    bed.sleep(Duration.ofHours(1));
    assertEquals(Phase.AWAITING_DECISION, loop.status().phase());
    assertEquals(List.of(), bed.probe.calls, "asking needs no SSH");
    assertEquals(List.of(), bed.containment.calls);
    String request = decisionRequest(id, "the evidence is weak (Cryptominer xmrig (pid 4242) running from /tmp/xmrig): reported,"
        + " not killed (killOnWeakEvidence is off)", "capture evidence, stop and kill the process and its watchdog, remove the"
        + " persistence that runs it, quarantine its files");
    assertEquals(List.of(request), bed.messenger.texts(CEO));
    assertEquals(List.of(), bed.messenger.kinds(DEVELOPER));

    assertTrue(loop.approve(Decision.approve("dana", "seen it on the box")).contains("approved"));
    merge(loop, 7);
    assertEquals(Phase.RESOLVED, bed.result(id).finalPhase());
    assertEquals(List.of(
        "capture [4200, 4242] [cron:" + CRON_LINE + ", systemd:xmrig.service]",
        "suspend 4200", "suspend 4242",
        "remove [cron:" + CRON_LINE + ", systemd:xmrig.service]",
        "kill 4200", "kill 4242",
        "quarantine [/tmp/xmrig, /etc/systemd/system/xmrig.service]"), bed.containment.calls);
    assertEquals(java.util.Collections.nCopies(bed.containment.calls.size(), "dana"), bed.containment.approvedBy,
        "every containment step tells the worker who approved it, so its own dry-run and protected list stand aside");
    assertEquals(List.of(request, "PR ready for approval: rack/hardening-7. Root cause: Cryptominer xmrig (pid 4242) running from /tmp/xmrig.",
        RESOLVED), bed.messenger.texts(CEO));
    assertEquals(List.of(DIAGNOSTIC_REPORT, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    String report = bed.messenger.first(DIAGNOSTIC_REPORT).text();
    assertTrue(report.contains("**Status:** Contained") && report.contains("persistence (cron): /var/spool/cron/crontabs/root"), report);
    String postMortem = bed.messenger.first(POST_MORTEM).text();
    assertTrue(postMortem.contains("- approved by dana at 2"), postMortem);
    assertTrue(postMortem.contains(": seen it on the box"), postMortem);
    bed.assertReplays(id, AnomalyFollowUpWorkflowImpl.class);
  }

  @Test
  void weakEvidenceDismissedResolvesAsAFalsePositiveAndTeachesTheMonitor() throws Exception {
    bed = new LoopTestBed(null, INFECTED);
    Finding finding = miner(Map.of("evidenceStrength", "weak"));
    String id = finding.fingerprint();
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(finding, RemediationPolicy.defaults()));
    bed.sleep(Duration.ofMinutes(2));
    assertEquals(Phase.AWAITING_DECISION, loop.status().phase());
    loop.dismiss(Decision.dismiss("dana", "our benchmark tool"));
    LoopOutcome outcome = bed.result(id);

    assertEquals(Phase.RESOLVED, outcome.finalPhase());
    assertEquals("dismissed as a false positive by dana: our benchmark tool", outcome.summary());
    assertEquals(2, bed.messenger.texts(CEO).size());
    assertEquals("Infrastructure anomaly follow-up loop resolved: dismissed as a false positive by dana (our benchmark tool)."
        + " rack took no further action.", bed.messenger.texts(CEO).get(1));
    assertEquals(List.of(POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    assertEquals(List.of(), bed.containment.calls);
    // No monitor runs in this test bed: the loop says it could not teach it, and still resolves.
    assertTrue(loop.status().timeline().stream().anyMatch(e -> e.event().equals("baseline-failed")), loop.status().timeline().toString());
    bed.assertReplays(id, AnomalyFollowUpWorkflowImpl.class);
  }

  @Test
  void weakEvidenceIsContainedWhenPolicySaysSo() throws Exception {
    bed = new LoopTestBed(null, INFECTED, Snapshots.healthy());
    Finding finding = miner(Map.of("evidenceStrength", "weak"));
    RemediationPolicy killOnWeak = new RemediationPolicy(null, null, null, false, 5, true);
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(finding, killOnWeak));
    merge(loop, 7);
    assertEquals(Phase.RESOLVED, bed.result(finding.fingerprint()).finalPhase());
    assertTrue(bed.containment.calls.contains("kill 4242"));
  }

  @Test
  void protectedProcessIsNeverTouched() throws Exception {
    Finding sshd = new Finding(Snapshots.HOST, FindingKind.SUSPICIOUS_PROCESS, Severity.HIGH, "sshd",
        "sshd with unusual CPU", List.of(), Map.of("pid", "300", "ppid", "1", "comm", "sshd", "exe", "/usr/sbin/sshd",
        "evidenceStrength", "strong"));
    assertHandedOver(sshd, RemediationPolicy.defaults(), "(sshd) is a protected system process");
  }

  @Test
  void processProtectedByPolicyWaitsForADecision() throws Exception {
    RemediationPolicy policy = new RemediationPolicy(null, null, List.of("xmrig"), false, 5, false);
    bed = new LoopTestBed(null, INFECTED);
    Finding finding = miner(Map.of());
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(finding, policy));
    bed.sleep(Duration.ofMinutes(2));
    assertEquals(Phase.AWAITING_DECISION, loop.status().phase());
    assertEquals(List.of(), bed.containment.calls);
    assertTrue(bed.messenger.first(ESCALATION).text().contains("(pid 4242 (xmrig) is protected by policy)"), bed.messenger.first(ESCALATION).text());
    bed.client.newUntypedWorkflowStub(finding.fingerprint()).terminate("test done");
  }

  @Test
  void containmentNotAllowedEscalates() throws Exception {
    RemediationPolicy policy = new RemediationPolicy(List.of("restart-container"), null, null, false, 5, false);
    assertHandedOver(miner(Map.of()), policy, "policy does not allow contain-anomaly");
  }

  @Test
  void changedHostKeyIsNeverActedOn() throws Exception {
    Finding hostKey = new Finding(Snapshots.HOST, FindingKind.HOST_KEY_CHANGED, Severity.CRITICAL, "staging",
        "SSH host key of staging changed", List.of("known_hosts mismatch"), Map.of());
    assertHandedOver(hostKey, RemediationPolicy.defaults(), "never acted on");
    assertEquals(List.of(), bed.probe.calls);
  }

  @Test
  void dryRunRecordsThePlanInOrderExecutesNothingAndAsks() throws Exception {
    RemediationPolicy dryRun = new RemediationPolicy(null, null, null, true, 5, false);
    bed = new LoopTestBed(null, INFECTED);
    Finding finding = miner(Map.of());
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(finding, dryRun));
    bed.sleep(Duration.ofMinutes(2));
    assertEquals(Phase.AWAITING_DECISION, loop.status().phase());

    assertEquals(List.of(), bed.containment.calls);
    assertEquals(List.of("capture-evidence", "suspend", "suspend", "remove-persistence", "remove-persistence", "kill", "kill",
        "quarantine", "quarantine"), loop.status().actions().stream().map(a -> a.step()).toList());
    assertTrue(loop.status().actions().stream().allMatch(a -> a.outcome().equals("dry-run")));
    assertEquals(List.of(ESCALATION), bed.messenger.kinds(CEO));
    String request = bed.messenger.first(ESCALATION).text();
    assertTrue(request.contains("(dry-run: the containment plan is recorded, nothing was executed). Planned: capture evidence, then kill 4200"
        + " (watchdog parent), kill 4242 (offender), remove cron /var/spool/cron/crontabs/root, remove systemd"
        + " /etc/systemd/system/xmrig.service, quarantine /tmp/xmrig"), request);
    bed.client.newUntypedWorkflowStub(finding.fingerprint()).terminate("test done");
  }

  @Test
  void dryRunApprovedRunsThePlanForReal() throws Exception {
    RemediationPolicy dryRun = new RemediationPolicy(null, null, null, true, 5, false);
    // Scanned when the dry-run plan is drawn, again when the approved one is, then clean after the fix.
    bed = new LoopTestBed(null, INFECTED, INFECTED, Snapshots.healthy());
    Finding finding = miner(Map.of());
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(finding, dryRun));
    bed.sleep(Duration.ofMinutes(2));
    assertEquals(Phase.AWAITING_DECISION, loop.status().phase());
    assertEquals(List.of(), bed.containment.calls);

    assertTrue(loop.approve(Decision.approve("erin", "go ahead")).contains("approved"));
    bed.sleep(Duration.ofMinutes(1));
    assertEquals(List.of("capture [4200, 4242] [cron:" + CRON_LINE + ", systemd:xmrig.service]",
        "suspend 4200", "suspend 4242", "remove [cron:" + CRON_LINE + ", systemd:xmrig.service]",
        "kill 4200", "kill 4242", "quarantine [/tmp/xmrig, /etc/systemd/system/xmrig.service]"), bed.containment.calls);
    assertTrue(bed.containment.approvedBy.stream().allMatch("erin"::equals), bed.containment.approvedBy.toString());
    merge(loop, 8);
    assertEquals(Phase.RESOLVED, bed.result(finding.fingerprint()).finalPhase());
    assertEquals(3, bed.messenger.texts(CEO).size(), bed.messenger.texts(CEO).toString());
    bed.assertReplays(finding.fingerprint(), AnomalyFollowUpWorkflowImpl.class);
  }

  @Test
  void cronEntryWithoutAProcessRemovesOnlyThePersistence() throws Exception {
    bed = new LoopTestBed(null, INFECTED, Snapshots.healthy());
    Finding cron = new Finding(Snapshots.HOST, FindingKind.CRON_ADDED, Severity.HIGH, "root-crontab",
        "New cron job in /var/spool/cron/crontabs/root", List.of(CRON_LINE),
        Map.of("path", "/var/spool/cron/crontabs/root", "line", CRON_LINE, "evidenceStrength", "strong"));
    AnomalyFollowUpWorkflow loop = bed.startAnomaly(LoopTestBed.input(cron, RemediationPolicy.defaults()));
    bed.sleep(Duration.ofMinutes(1));
    assertEquals(List.of("capture [] [cron:" + CRON_LINE + "]", "remove [cron:" + CRON_LINE + "]"), bed.containment.calls);
    assertEquals(List.of(LOOP_STARTED), bed.messenger.kinds(CEO));
    assertTrue(bed.messenger.first(LOOP_STARTED).text().contains("Remediated."));
    assertEquals(Phase.AWAITING_PR, loop.status().phase());
    bed.client.newUntypedWorkflowStub(cron.fingerprint()).terminate("test done");
  }

  /** Rack refuses: one escalation to the CEO, the report to the developer, nothing done on the host. */
  private void assertHandedOver(Finding finding, RemediationPolicy policy, String reason) throws Exception {
    bed = new LoopTestBed(null, INFECTED);
    bed.startAnomaly(LoopTestBed.input(finding, policy));
    LoopOutcome outcome = bed.result(finding.fingerprint());
    assertEquals(Phase.ESCALATED, outcome.finalPhase());
    assertEquals(List.of(), bed.containment.calls);
    assertEquals(List.of(ESCALATION), bed.messenger.kinds(CEO));
    String escalation = bed.messenger.first(ESCALATION).text();
    assertTrue(escalation.contains(reason), escalation);
    assertEquals(List.of(DIAGNOSTIC_REPORT, POST_MORTEM), bed.messenger.kinds(DEVELOPER));
    assertTrue(bed.messenger.first(DIAGNOSTIC_REPORT).text().contains(reason));
    bed.assertReplays(finding.fingerprint(), AnomalyFollowUpWorkflowImpl.class);
  }
}
