package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: the worker process is killed with SIGKILL in the middle of a loop (while it waits for
 * the PR, and again while it settles after the merge), a new worker process takes over, and the loop
 * completes with every message sent exactly once. The workers are separate {@code rack worker}
 * processes; the relay is a real HTTP server that records deliveries.
 *
 * <p>The Temporal service is a {@code ./rack dev} process of its own (its worker and monitor use
 * another task queue, so the loop runs only on the workers this test kills), or a real server when
 * {@code RACK_DURABILITY_TEMPORAL=host:port} is set (e.g. the compose stack).
 */
class WorkerCrashTest {
  @TempDir Path dir;
  private HttpServer relay;
  private KillableWorkers workers;
  private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ObjectMapper json = new ObjectMapper();
    relay.createContext("/relay", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      JsonNode message = json.readTree(new String(body, StandardCharsets.UTF_8));
      ((com.fasterxml.jackson.databind.node.ObjectNode) message).put("key", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      delivered.add(message);
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    relay.start();
    Files.writeString(dir.resolve("relay.secret"), "s3cret\n");
    Path config = dir.resolve("rack.yaml");
    Files.writeString(config, """
        temporal: {taskQueue: rack-crash-test}
        relay: {url: "http://127.0.0.1:%d/relay", secretFile: relay.secret}
        hosts:
          - {name: here, local: true, interval: 1h}
        remediation: {dryRun: true}   # checks this machine for real: plan, never act
        loops: {settle: 8s, stabilization: 6s, verifyEvery: 3s}
        """.formatted(relay.getAddress().getPort()));
    workers = KillableWorkers.start(dir, config, System.getenv("RACK_DURABILITY_TEMPORAL"));
  }

  @AfterEach
  void stop() {
    if (relay != null) relay.stop(0);
    if (workers != null) workers.close();
  }

  private String phase(String loopId) throws Exception {
    return new ObjectMapper().readTree(workers.rack("loop", "show", loopId, "--json").output()).path("phase").asText();
  }

  private void awaitPhase(String loopId, String phase) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (phase.equals(phase(loopId))) return;
      Thread.sleep(500);
    }
    throw new AssertionError(loopId + " never reached " + phase + " (now " + phase(loopId) + ")");
  }

  private List<String> keys() {
    return delivered.stream().map(m -> m.path("key").asText()).toList();
  }

  @Test
  void aLoopSurvivesItsWorkerBeingKilled() throws Exception {
    RackProcess first = workers.startWorker();
    String summary = "checkout latency " + System.nanoTime();
    String loopId = workers.rack("loop", "start", "incident", "--host", "here", "--summary", summary)
        .output().strip().replace("started ", "");
    awaitPhase(loopId, "AWAITING_PR");
    first.kill(); // SIGKILL while the loop waits for the PR

    RackProcess second = workers.startWorker();
    workers.rack("pr", "opened", loopId, "--number", "5", "--url", "https://git.example/pr/5", "--branch", "rack/" + loopId);
    workers.rack("pr", "merged", loopId, "--number", "5", "--url", "https://git.example/pr/5");
    awaitPhase(loopId, "SETTLING");
    second.kill(); // SIGKILL while the loop settles after the merge

    try (RackProcess third = workers.startWorker()) {
      awaitPhase(loopId, "RESOLVED");
    }
    List<String> keys = keys();
    assertEquals(keys.stream().distinct().count(), keys.size(), "a message delivered twice: " + keys);
    // Only this loop's messages (keyed "<loop id>/..."): the worker also monitors this machine for
    // real, and whatever it finds here is another loop.
    List<String> ceo = delivered.stream()
        .filter(m -> "ceo".equals(m.path("to").asText()) && m.path("key").asText().startsWith(loopId + "/"))
        .map(m -> m.path("message").asText()).toList();
    assertEquals(4, ceo.size(), "loop started, escalation (a manual loop has no known cause), PR ready, resolved: " + ceo);
    assertTrue(ceo.get(0).startsWith("Staging anomaly detected: " + summary + "."), ceo.get(0));
    assertTrue(ceo.get(2).startsWith("PR ready for approval: rack/" + loopId), ceo.get(2));
    assertTrue(ceo.get(3).contains("loop resolved"), ceo.get(3));
  }
}
