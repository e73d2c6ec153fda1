package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Intrusions shaped like the published ones (lab/fault impostor, dropper) are strong evidence and
 * contained without anyone's say; a plain binary in /tmp is weak, so the loop waits until a person
 * runs {@code ./rack loop approve}. Against {@code ./rack dev --config lab/rack.yaml}; the relay
 * sink's record is the proof of what the CEO and the developer were told.
 */
@Tag("lab")
class LabAnomalyDecisionE2ETest {
  private static RackProcess dev;
  private static Map<String, String> env;

  @BeforeAll
  static void startDev() throws Exception {
    Lab.requireUp();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    env = Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + port);
    dev = RackProcess.start(Map.of(), "dev", "--config", Lab.CONFIG.toString(), "--port", Integer.toString(port));
    dev.awaitLine(l -> l.contains(Lab.HOST + ": health "), Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopDev() {
    if (dev != null) dev.close();
  }

  private static RackProcess.Result rack(String... args) throws Exception {
    RackProcess.Result r = RackProcess.run(env, args);
    assertEquals(0, r.exitCode(), "rack " + String.join(" ", args) + ":\n" + r.output());
    return r;
  }

  private static JsonNode awaitMessage(int from, Predicate<JsonNode> matcher, Duration timeout) throws Exception {
    return Lab.awaitMessage(from, matcher, timeout, 500, () -> "--- rack dev output:\n" + dev.output());
  }

  private static List<String> ceoSince(int from, String containing) throws Exception {
    return Lab.relayMessagesSince(from).stream()
        .filter(m -> "rack".equals(m.path("from").asText()) && "ceo".equals(m.path("to").asText()))
        .map(m -> m.path("message").asText()).filter(t -> t.contains(containing)).toList();
  }

  private static String manifest() throws Exception {
    return Lab.ssh("cat /var/lib/rack/quarantine/*MANIFEST* /var/lib/rack/quarantine/*/*MANIFEST* 2>/dev/null || true");
  }

  /** The open loop's id is the finding's fingerprint: it may show up a moment after the first message. */
  private static void resolveWithPr(int from, String loopId, int number) throws Exception {
    rack("pr", "opened", loopId, "--number", Integer.toString(number), "--url", "https://git.example/pr/" + number,
        "--branch", "rack/" + loopId);
    awaitMessage(from, Lab.message("rack", "ceo", "PR ready for approval: rack/" + loopId), Duration.ofSeconds(30));
    rack("pr", "merged", loopId, "--number", Integer.toString(number), "--url", "https://git.example/pr/" + number);
    awaitMessage(from, Lab.message("rack", "ceo", "follow-up loop resolved"), Duration.ofSeconds(120));
  }

  @Test
  void kernelThreadImpostorRunningADeletedBinaryIsContainedAndItsBinaryQuarantined() throws Exception {
    String realPersistence = Lab.realMachinePersistenceDigest();
    String perlSha = Lab.ssh("sha256sum /usr/bin/perl | cut -d' ' -f1").strip();
    int from = Lab.relayMessages().size();
    Lab.fault("impostor");
    try {
      Thread.sleep(2500); // older than the 2 s a bracketed name needs to count as a disguise
      assertTrue(Lab.ssh("ps -eo args=").lines().anyMatch(l -> l.strip().equals("[kswapd0]")), "the impostor runs");
      rack("monitor", "check-now", Lab.HOST);
      JsonNode started = awaitMessage(from, Lab.message("rack", "ceo", "Infrastructure anomaly detected"), Duration.ofSeconds(90));
      String text = started.path("message").asText();
      assertTrue(text.contains("kswapd0") && text.contains("strong evidence") && text.contains(". Remediated. Starting infrastructure anomaly"
          + " follow-up loop."), text);
      JsonNode report = awaitMessage(from, Lab.message("rack", "developer", "setup scripts"), Duration.ofSeconds(30));
      String r = report.path("message").asText();
      for (String sign : List.of("kernel-thread name on a user process (+3)", "executable deleted after start (+2)",
          "executable in a temp dir (+2)", "/var/tmp/.x/kswapd0 (deleted)", "## Immediate action taken", "kill -KILL ", "sha256 of `/var/tmp/.x/kswapd0 (deleted)`")) {
        assertTrue(r.contains(sign), "report lacks «" + sign + "»:\n" + r);
      }
      assertTrue(Lab.ssh("ps -eo args=").lines().noneMatch(l -> l.strip().equals("[kswapd0]")), "the impostor is gone");
      String manifest = manifest();
      assertTrue(manifest.contains(perlSha), "the deleted binary, recovered through /proc/PID/exe, is quarantined with its sha256 "
          + perlSha + ":\n" + manifest);
      assertEquals(1, ceoSince(from, "Remediated").size(), "the CEO is told once");
      resolveWithPr(from, "anomaly-" + Lab.HOST + "-suspicious-process-kswapd0", 31);
      assertEquals(realPersistence, Lab.realMachinePersistenceDigest(), "the real machine is untouched");
    } finally {
      Lab.fault("impostor", "undo");
    }
  }

  @Test
  void dropperScriptWithCronPersistenceIsContainedAndEveryLineThatRunsItRemoved() throws Exception {
    String realPersistence = Lab.realMachinePersistenceDigest();
    int from = Lab.relayMessages().size();
    Lab.fault("dropper");
    try {
      Thread.sleep(1500);
      String scriptSha = Lab.ssh("sha256sum /tmp/.ICE-unix/.d/kinsing | cut -d' ' -f1").strip();
      rack("monitor", "check-now", Lab.HOST);
      JsonNode started = awaitMessage(from, Lab.message("rack", "ceo", "Infrastructure anomaly detected"), Duration.ofSeconds(90));
      String text = started.path("message").asText();
      assertTrue(text.contains("kinsing") && text.contains("strong evidence") && text.contains(". Remediated."), text);
      JsonNode report = awaitMessage(from, Lab.message("rack", "developer", "setup scripts"), Duration.ofSeconds(30));
      String r = report.path("message").asText();
      for (String item : List.of("persistence (cron): /etc/cron.d/apache2-update", "persistence (cron): /var/spool/cron/crontabs/root",
          "interpreter runs a script from a temp dir (+2)", "persistence entry runs it (+2)")) {
        assertTrue(r.contains(item), "report lacks «" + item + "»:\n" + r);
      }
      assertEquals("", Lab.ssh("pgrep -f '/tmp/[.]ICE-unix/[.]d/kinsing' || true").strip(), "the dropper is gone");
      assertTrue(Lab.ssh("cat /etc/cron.d/apache2-update /var/spool/cron/crontabs/root 2>/dev/null || true").lines()
          .noneMatch(l -> l.contains("kinsing")), "every cron line that runs it is removed");
      assertEquals("", Lab.ssh("ls /tmp/.ICE-unix/.d/kinsing 2>/dev/null || true").strip(), "the script is moved away");
      assertTrue(Lab.ssh("ls /bin/sh /usr/bin/dash").contains("/usr/bin/dash"), "the shell it ran under is left alone");
      String manifest = manifest();
      assertTrue(manifest.contains(scriptSha + "  /tmp/.ICE-unix/.d/kinsing"), "script quarantined with sha256:\n" + manifest);
      assertEquals(1, ceoSince(from, "Remediated").size(), "the CEO is told once");
      resolveWithPr(from, "anomaly-" + Lab.HOST + "-miner-process-sh", 32);
      assertEquals(realPersistence, Lab.realMachinePersistenceDigest(), "the real machine is untouched");
    } finally {
      Lab.fault("dropper", "undo");
    }
  }

  @Test
  void plainBinaryInTmpIsWeakSoTheLoopWaitsUntilAPersonApproves() throws Exception {
    String loopId = "anomaly-" + Lab.HOST + "-suspicious-process-cache-updater";
    int from = Lab.relayMessages().size();
    Lab.ssh("cp /bin/sleep /tmp/.cache-updater && { setsid /tmp/.cache-updater 900 >/dev/null 2>&1 </dev/null & }");
    try {
      Thread.sleep(1500);
      String sha = Lab.ssh("sha256sum /tmp/.cache-updater | cut -d' ' -f1").strip();
      rack("monitor", "check-now", Lab.HOST);
      JsonNode asked = awaitMessage(from, Lab.message("rack", "ceo", "./rack loop approve " + loopId), Duration.ofSeconds(90));
      String text = asked.path("message").asText();
      assertTrue(text.contains("rack will not act alone (the evidence is weak"), text);
      Thread.sleep(3000);
      assertTrue(Lab.ssh("pgrep -f '/tmp/[.]cache-updater' || true").strip().length() > 0, "nothing is done before a decision");
      assertTrue(rack("loop", "show", loopId).output().contains("AWAITING_DECISION"));

      RackProcess.Result wrong = RackProcess.run(env, "loop", "approve", "anomaly-lab-no-such-loop");
      assertEquals(2, wrong.exitCode(), wrong.output());
      assertTrue(wrong.output().strip().endsWith("no loop with id 'anomaly-lab-no-such-loop' (see ./rack loops)"), wrong.output());

      String approved = rack("loop", "approve", loopId, "--note", "not ours", "--by", "ops-lead").output();
      assertTrue(approved.contains("approved; the planned actions run now"), approved);
      awaitMessage(from, Lab.message("rack", "developer", "setup scripts"), Duration.ofSeconds(60));
      assertEquals("", Lab.ssh("pgrep -f '/tmp/[.]cache-updater' || true").strip(), "approved: the process is gone");
      assertTrue(manifest().contains(sha + "  /tmp/.cache-updater"), manifest());
      RackProcess.Result again = RackProcess.run(env, "loop", "approve", loopId);
      assertEquals(2, again.exitCode(), again.output());
      assertTrue(again.output().contains("is not awaiting a decision"), again.output());
      assertEquals(List.of(), ceoSince(from, "Remediated"), "the decision request was the CEO's first message");
      resolveWithPr(from, loopId, 33);
      String postMortem = rack("loop", "report", loopId).output();
      assertTrue(postMortem.contains("approved by ops-lead at ") && postMortem.contains(": not ours"), postMortem);
    } finally {
      // Two sessions: a command line naming the file itself would match the pattern and kill its own shell.
      Lab.ssh("pkill -9 -f '/tmp/[.]cache-updater'; true");
      Lab.ssh("rm -f /tmp/.cache-updater");
    }
  }
}
