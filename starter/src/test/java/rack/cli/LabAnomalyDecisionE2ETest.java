package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
 * Intrusions shaped like published ones (a deleted binary under a kernel-thread name; a script run
 * by the shell from a hidden temp dir with cron persistence) contained by rack alone, and a process
 * with only weak evidence that rack will not touch until a person approves with {@code ./rack loop
 * approve}. Real processes in the lab host, real cron files, the relay sink's record as the proof.
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
    // The in-memory server, as every lab suite uses: with the temporal CLI installed, a plain
    // ./rack dev keeps loops in ~/.local/state/rack, and monitors left there by an earlier lab (whose
    // baseline knew another lab key) took this lab's key for an intruder's. CI saw every login refused.
    dev = RackProcess.start(Map.of(), "dev", "--test-server", "--config", Lab.CONFIG.toString(), "--port", Integer.toString(port));
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

  private static List<String> ceoMessagesSince(int from) throws IOException {
    return Lab.relayMessagesSince(from).stream()
        .filter(m -> "rack".equals(m.path("from").asText()) && "ceo".equals(m.path("to").asText()))
        .map(m -> m.path("message").asText())
        .toList();
  }

  /** The newest open anomaly loop of the lab host. */
  private static String openAnomalyLoop() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode loop : Lab.json(rack("loops", "--json").output())) {
        if (loop.path("loopId").asText().startsWith("anomaly-" + Lab.HOST + "-")) return loop.path("loopId").asText();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no open anomaly loop\n" + dev.output());
  }

  private static String quarantineManifest() throws Exception {
    return Lab.ssh("cat /var/lib/rack/quarantine/MANIFEST /var/lib/rack/quarantine/*/MANIFEST 2>/dev/null || true");
  }

  /** The PR tail as the developer runs it: opened, merged, then the re-scan finds the host clean. */
  private static void fixMergedAndResolved(int from, String loopId, int number) throws Exception {
    rack("pr", "opened", loopId, "--number", Integer.toString(number), "--url", "https://git.example/pr/" + number,
        "--branch", "rack/" + loopId);
    awaitMessage(from, Lab.message("rack", "ceo", "PR ready for approval: rack/" + loopId), Duration.ofSeconds(30));
    rack("pr", "merged", loopId, "--number", Integer.toString(number), "--url", "https://git.example/pr/" + number);
    awaitMessage(from, Lab.message("rack", "ceo", "follow-up loop resolved"), Duration.ofSeconds(120));
  }

  @Test
  void aDeletedBinaryUnderAKernelThreadNameIsContainedAlone() throws Exception {
    String realPersistence = Lab.realMachinePersistenceDigest();
    int from = Lab.relayMessages().size();
    String perlSha = Lab.ssh("sha256sum /usr/bin/perl | cut -d' ' -f1").strip();
    Lab.fault("impostor");
    try {
      Thread.sleep(3_000); // older than the 2 s a bracketed name needs before it counts as a disguise
      rack("monitor", "check-now", Lab.HOST);
      JsonNode started = awaitMessage(from, Lab.message("rack", "ceo", "Infrastructure anomaly detected"), Duration.ofSeconds(90));
      String text = started.path("message").asText();
      assertTrue(text.contains("Remediated") && !text.contains("Partly"), text);
      assertTrue(text.contains("kswapd0"), text);
      JsonNode report = awaitMessage(from, Lab.message("rack", "developer", "kswapd0"), Duration.ofSeconds(30));
      String body = report.path("message").asText();
      assertTrue(body.contains("strong evidence") && body.contains("executable deleted after start")
          && body.contains("kernel-thread name on a user process"), body);

      // cat, not a redirection: a process that ends during the loop must not print an error.
      String impostors = Lab.ssh("for p in $(ps -eo pid=); do [ \"$(cat /proc/$p/cmdline 2>/dev/null | tr -d '\\0')\" = '[kswapd0]' ]"
          + " && echo $p; done; true").strip();
      assertEquals("", impostors, "the impostor is gone");
      // Deleted from disk, so what is quarantined is the copy read through /proc/PID/exe before the kill.
      String manifest = quarantineManifest();
      assertTrue(manifest.contains(perlSha), "quarantine manifest holds the running binary's sha256 " + perlSha + ":\n" + manifest);

      String loopId = openAnomalyLoop();
      fixMergedAndResolved(from, loopId, 61);
      List<String> ceo = ceoMessagesSince(from);
      assertEquals(3, ceo.size(), "started, PR ready, resolved: " + ceo);
      assertEquals(realPersistence, Lab.realMachinePersistenceDigest(), "the real machine's cron, systemd and keys are untouched");
    } finally {
      Lab.fault("impostor", "undo");
    }
  }

  @Test
  void aDropperRunByTheShellFromTmpIsContainedWithItsCronLines() throws Exception {
    String realPersistence = Lab.realMachinePersistenceDigest();
    int from = Lab.relayMessages().size();
    Lab.fault("dropper");
    try {
      Thread.sleep(1_500);
      String scriptSha = Lab.ssh("sha256sum /tmp/.ICE-unix/.d/kinsing | cut -d' ' -f1").strip();
      rack("monitor", "check-now", Lab.HOST);
      JsonNode started = awaitMessage(from, Lab.message("rack", "ceo", "Infrastructure anomaly detected"), Duration.ofSeconds(90));
      assertTrue(started.path("message").asText().contains("Remediated"), started.toString());
      JsonNode report = awaitMessage(from, Lab.message("rack", "developer", "kinsing"), Duration.ofSeconds(30));
      String body = report.path("message").asText();
      assertTrue(body.contains("/etc/cron.d/apache2-update"), "the report lists the cron.d entry:\n" + body);
      assertTrue(body.contains("/var/spool/cron/crontabs/root"), "the report lists the crontab entry:\n" + body);

      // Two sessions: a command line naming the script would be matched by its own pgrep.
      assertEquals("", Lab.ssh("pgrep -f '/tmp/[.]ICE-unix/[.]d/kinsing' || true").strip(), "the dropper is gone");
      assertEquals("", Lab.ssh("ls /etc/cron.d/apache2-update 2>/dev/null || true").strip(), "cron.d entry removed");
      assertTrue(Lab.ssh("cat /var/spool/cron/crontabs/root 2>/dev/null || true").lines().noneMatch(l -> l.contains("kinsing")),
          "crontab line removed");
      assertEquals("", Lab.ssh("ls /tmp/.ICE-unix/.d/kinsing 2>/dev/null || true").strip(), "script moved away");
      String manifest = quarantineManifest();
      assertTrue(manifest.contains(scriptSha), "quarantine manifest holds the script's sha256 " + scriptSha + ":\n" + manifest);
      assertTrue(Lab.ssh("ls /usr/bin/dash /bin/sh").contains("/bin/sh"), "the interpreter itself is never quarantined");

      String loopId = openAnomalyLoop();
      fixMergedAndResolved(from, loopId, 62);
      assertEquals(3, ceoMessagesSince(from).size(), "started, PR ready, resolved: " + ceoMessagesSince(from));
      assertEquals(realPersistence, Lab.realMachinePersistenceDigest(), "the real machine's cron, systemd and keys are untouched");
    } finally {
      Lab.fault("dropper", "undo");
    }
  }

  @Test
  void weakEvidenceWaitsForAPersonAndApprovalContains() throws Exception {
    int from = Lab.relayMessages().size();
    Lab.fault("tmpbin");
    try {
      Thread.sleep(1_000);
      String binSha = Lab.ssh("sha256sum /tmp/.cache/syncd | cut -d' ' -f1").strip();
      rack("monitor", "check-now", Lab.HOST);
      JsonNode ask = awaitMessage(from, Lab.message("rack", "ceo", "waits for your decision"), Duration.ofSeconds(90));
      String loopId = openAnomalyLoop();
      String asked = ask.path("message").asText();
      assertTrue(asked.contains("Approve: ./rack loop approve " + loopId), asked);
      assertTrue(asked.contains("Dismiss as a false positive: ./rack loop dismiss " + loopId), asked);

      // Waiting, durably, with the process left alone.
      Thread.sleep(3_000);
      String shown = rack("loop", "show", loopId, "--json").output();
      assertTrue(shown.contains("AWAITING_DECISION"), shown);
      assertTrue(!Lab.ssh("pgrep -x syncd || true").strip().isEmpty(), "weak evidence alone is not acted on");

      String approved = rack("loop", "approve", loopId, "--note", "not ours, checked with the team").output();
      assertTrue(approved.toLowerCase().contains("approv"), approved);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Lab.ssh("pgrep -x syncd || true").strip().isEmpty()) {
        if (System.nanoTime() > deadline) throw new AssertionError("approved, but syncd still runs\n" + dev.output());
        Thread.sleep(500);
      }
      String manifest = quarantineManifest();
      assertTrue(manifest.contains(binSha), "quarantine manifest holds the binary's sha256 " + binSha + ":\n" + manifest);
      awaitMessage(from, Lab.message("rack", "developer", "syncd"), Duration.ofSeconds(30));
      String timeline = rack("loop", "show", loopId, "--json").output();
      assertTrue(timeline.contains("not ours, checked with the team"), "who decided, and why, is in the timeline:\n" + timeline);

      fixMergedAndResolved(from, loopId, 63);
      List<String> ceo = ceoMessagesSince(from);
      assertEquals(3, ceo.size(), "decision request (message 1), PR ready, resolved: " + ceo);
      assertTrue(ceo.get(0).startsWith("Infrastructure anomaly detected"), ceo.get(0));
    } finally {
      Lab.fault("tmpbin", "undo");
    }
  }
}
