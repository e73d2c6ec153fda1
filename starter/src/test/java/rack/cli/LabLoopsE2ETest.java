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
 * The loops end to end: {@code ./rack dev --config lab/rack.yaml} in its own process, faults
 * injected into the real lab host, the CLI in further processes, and the relay sink's record as the
 * proof of what the CEO and the developer were told. lab/rack.yaml shortens settle and stabilization.
 */
@Tag("lab")
class LabLoopsE2ETest {
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

  /** Messages from this test's rack (lab/rack.yaml says from: rack), to whom, containing text. */
  private static Predicate<JsonNode> to(String who, String text) {
    return Lab.message("rack", who, text);
  }

  private static List<String> ceoMessagesSince(int from, String loopHint) throws IOException {
    return Lab.relayMessagesSince(from).stream()
        .filter(m -> "rack".equals(m.path("from").asText()) && "ceo".equals(m.path("to").asText()))
        .map(m -> m.path("message").asText())
        .filter(t -> loopHint == null || !t.contains("anomaly follow-up"))
        .toList();
  }

  /** The open loop whose id contains one of the parts (a problem's loop is named by its first symptom). */
  private static String openLoop(String... idParts) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode loop : Lab.json(rack("loops", "--json").output())) {
        for (String part : idParts) {
          if (loop.path("loopId").asText().contains(part)) return loop.path("loopId").asText();
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no open loop like " + String.join(" or ", idParts) + "\n" + dev.output());
  }

  /**
   * The status page calls the service "Storefront", Compose calls its container shop-web-1, and only
   * lab/rack.yaml's services map links the two: still one problem, one loop, three CEO messages.
   */
  @Test
  void aStoppedContainerNamedUnlikeItsServiceIsOneLoopRestartedReportedFixedAndResolved() throws Exception {
    int from = Lab.relayMessages().size();
    List<String> openBefore = openIncidentLoops(); // another test's loop may still wait for its PR
    Lab.fault("stop", "web");
    try {
      Thread.sleep(2500); // the status page notices within its 2 s probe
      rack("monitor", "check-now", Lab.HOST);
      awaitMessage(from, to("ceo", "Staging anomaly detected"), Duration.ofSeconds(60));
      JsonNode report = awaitMessage(from, to("developer", "shop-web-1"), Duration.ofSeconds(60));
      String text = report.path("message").asText();
      assertTrue(text.contains("Root cause"), report.toString());
      assertTrue(text.contains("Storefront") && text.contains("linked by config"), "the report shows the link:\n" + text);
      // Diagnostics really ran on the host: the container's own logs and inspect are quoted.
      int logs = text.indexOf("`docker logs --tail 100 'shop-web-1'`\n```\n");
      assertTrue(logs > 0 && !text.startsWith("```", logs + "`docker logs --tail 100 'shop-web-1'`\n```\n".length()), text);
      assertTrue(text.contains("restartCount=") && text.contains("exitCode="), text);
      assertTrue(Lab.ssh("docker inspect -f '{{.State.Running}}' shop-web-1").strip().equals("true"), "shop-web-1 runs again");

      String loopId = openLoop("service-down-staging_storefront", "container-down-shop-web-1");
      List<String> opened = new java.util.ArrayList<>(openIncidentLoops());
      opened.removeAll(openBefore);
      assertEquals(List.of(loopId), opened, "one loop for the stopped container and its DOWN service");
      String shown = rack("loop", "show", loopId, "--json").output();
      assertTrue(shown.contains("docker restart 'shop-web-1'") && shown.contains("\"done\""), shown);
      assertTrue(!shown.contains("restart 'Storefront'") && !shown.contains("restart 'staging"), "a status-page name never reaches docker:\n" + shown);
      // The PR opens on GitHub: its webhook, signed as GitHub signs it, links itself by branch name.
      gitHubSays("opened", false, 41, "rack/" + loopId);
      awaitMessage(from, to("ceo", "PR ready for approval: rack/" + loopId), Duration.ofSeconds(30));
      rack("pr", "merged", loopId, "--number", "41", "--url", "https://git.example/pr/41");
      awaitMessage(from, to("ceo", "incident response loop resolved"), Duration.ofSeconds(90));

      List<String> ceo = ceoMessagesSince(from, "incident");
      assertEquals(3, ceo.size(), "exactly three CEO messages: " + ceo);
      assertTrue(!openIncidentLoops().contains(loopId), "the loop is closed");
      // Against the hardened sshd (MaxSessions 2) too: a refused channel is waited out, never news.
      SessionRefusals.assertNoneIn("relay messages", Lab.relayMessagesSince(from).toString());
      SessionRefusals.assertNoneIn("loop " + loopId, rack("loop", "show", loopId, "--json").output());
      SessionRefusals.assertNoneIn("post-mortem", rack("loop", "report", loopId).output());
      SessionRefusals.assertNoneIn("rack dev output", dev.output());
    } finally {
      Lab.fault("stop", "web", "undo");
    }
  }

  /** Restore first: a relay outage delays the CEO's message, never the restart. */
  @Test
  void aStoppedContainerIsRestoredWhileTheRelayIsDownAndTheCeoHearsOnceItIsBack() throws Exception {
    int from = Lab.relayMessages().size();
    Lab.fault("relay-down");
    Lab.fault("stop", "api");
    try {
      Thread.sleep(2500);
      rack("monitor", "check-now", Lab.HOST);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!Lab.ssh("docker inspect -f '{{.State.Running}}' shop-api-1").strip().equals("true")) {
        if (System.nanoTime() > deadline) throw new AssertionError("shop-api-1 not restored while the relay is down\n" + dev.output());
        Thread.sleep(500);
      }
      assertEquals(List.of(), ceoMessagesSince(from, "incident"), "nothing got through the relay while it was down");
      Lab.fault("relay-down", "undo");

      awaitMessage(from, to("ceo", "Staging anomaly detected"), Duration.ofSeconds(90));
      String loopId = openLoop("service-down-staging_orders", "container-down-shop-api-1");
      rack("pr", "opened", loopId, "--number", "43", "--url", "https://git.example/pr/43", "--branch", "rack/" + loopId);
      rack("pr", "merged", loopId, "--number", "43", "--url", "https://git.example/pr/43");
      awaitMessage(from, to("ceo", "incident response loop resolved"), Duration.ofSeconds(90));
      // This loop's own CEO messages (by idempotency key): another loop's news is not this one's.
      List<String> ceo = Lab.relayMessagesSince(from).stream()
          .filter(m -> "rack".equals(m.path("from").asText()) && "ceo".equals(m.path("to").asText()))
          .filter(m -> m.path("idempotencyKey").asText().startsWith(loopId + "/"))
          .map(m -> m.path("message").asText())
          .toList();
      assertEquals(1, ceo.stream().filter(m -> m.startsWith("Staging anomaly detected")).count(), "message 1 once: " + ceo);
      assertEquals(3, ceo.size(), "started, PR ready, resolved, in that order: " + ceo);
      assertTrue(ceo.get(0).startsWith("Staging anomaly detected") && ceo.get(1).startsWith("PR ready") && ceo.get(2).contains("resolved"), ceo.toString());
    } finally {
      Lab.fault("relay-down", "undo");
      Lab.fault("stop", "api", "undo");
    }
  }

  /** The ids of this host's open incident loops. */
  private static List<String> openIncidentLoops() throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    for (JsonNode loop : Lab.json(rack("loops", "--json").output())) {
      if (loop.path("loopId").asText().startsWith("incident-" + Lab.HOST + "-")) ids.add(loop.path("loopId").asText());
    }
    return ids;
  }

  /** POSTs a pull_request event to rack's webhook receiver (lab/rack.yaml github), signed with the lab's secret. */
  private static void gitHubSays(String action, boolean merged, int number, String branch) throws Exception {
    String body = "{\"action\":\"" + action + "\",\"number\":" + number + ",\"pull_request\":{\"number\":" + number
        + ",\"html_url\":\"https://git.example/pr/" + number + "\",\"merged\":" + merged
        + ",\"body\":\"\",\"head\":{\"ref\":\"" + branch + "\"}}}";
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var signature = rack.worker.github.WebhookSignature.fromFile(Lab.WORK.resolve("github.secret"));
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:8787/github"))
        .header("X-GitHub-Event", "pull_request")
        .header(rack.worker.github.WebhookSignature.HEADER, signature.sign(bytes))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("prOpened") || response.body().contains("prMerged"), response.body());
  }

  @Test
  void minerIsContainedWithEvidenceAndTheHardeningPrResolvesTheLoop() throws Exception {
    String realCrontabs = Lab.realMachinePersistenceDigest();
    int from = Lab.relayMessages().size();
    Lab.fault("miner");
    try {
      Thread.sleep(1500);
      String exeSha = Lab.ssh("sha256sum /tmp/xmrig | cut -d' ' -f1").strip();
      rack("monitor", "check-now", Lab.HOST);
      awaitMessage(from, to("ceo", "Infrastructure anomaly detected"), Duration.ofSeconds(90));
      JsonNode report = awaitMessage(from, to("developer", "setup scripts"), Duration.ofSeconds(30));
      assertTrue(report.path("message").asText().contains("xmrig"), report.toString());

      assertEquals("", Lab.ssh("pgrep -f stratum+tcp || true").strip(), "the miner is gone");
      assertTrue(Lab.ssh("cat /var/spool/cron/crontabs/root 2>/dev/null || true").lines().noneMatch(l -> l.contains("xmrig")), "cron entry removed");
      assertEquals("", Lab.ssh("ls /etc/systemd/system/xmrig.service 2>/dev/null || true").strip(), "systemd unit removed");
      String keys = Lab.ssh("cat /root/.ssh/authorized_keys");
      assertTrue(keys.lines().noneMatch(l -> l.contains("attacker@evil")), "attacker key removed");
      assertTrue(keys.lines().anyMatch(l -> !l.isBlank()), "rack's own key kept");
      String manifest = Lab.ssh("cat /var/lib/rack/quarantine/*MANIFEST* /var/lib/rack/quarantine/*/*MANIFEST* 2>/dev/null || true");
      assertTrue(manifest.contains(exeSha), "quarantine manifest holds the miner's sha256 " + exeSha + ":\n" + manifest);

      String loopId = openLoop("anomaly-" + Lab.HOST + "-");
      rack("pr", "opened", loopId, "--number", "7", "--url", "https://git.example/pr/7", "--branch", "rack/" + loopId);
      awaitMessage(from, to("ceo", "PR ready for approval"), Duration.ofSeconds(30));
      rack("pr", "merged", loopId, "--number", "7", "--url", "https://git.example/pr/7");
      awaitMessage(from, to("ceo", "follow-up loop resolved"), Duration.ofSeconds(120));
      assertEquals(realCrontabs, Lab.realMachinePersistenceDigest(), "the real machine's cron, systemd and keys are untouched");
    } finally {
      Lab.fault("miner", "undo");
    }
  }

  @Test
  void crashLoopThatComesBackRestartsTheLoop() throws Exception {
    int from = Lab.relayMessages().size();
    Lab.fault("crashloop", "worker");
    try {
      rack("monitor", "check-now", Lab.HOST);
      Thread.sleep(8000);
      rack("monitor", "check-now", Lab.HOST);
      awaitMessage(from, to("ceo", "Staging anomaly detected"), Duration.ofSeconds(60));
      String loopId = openLoop("worker");
      rack("pr", "opened", loopId, "--number", "42", "--url", "https://git.example/pr/42", "--branch", "rack/" + loopId);
      rack("pr", "merged", loopId, "--number", "42", "--url", "https://git.example/pr/42");
      awaitMessage(from, to("ceo", "issue recurred after first fix. Restarting loop with developer"), Duration.ofSeconds(120));
      awaitMessage(from, to("developer", "worker"), Duration.ofSeconds(10));
    } finally {
      Lab.fault("crashloop", "worker", "undo");
    }
  }
}
