package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed with SIGKILL the moment the CEO's first message reaches the relay, that is while
 * the loop restores service on the real lab host: a new worker process takes over, the container
 * runs again, and the loop goes on to "resolved" with each CEO message sent once (by idempotency
 * key; a relay dedupes a re-delivery by that key).
 *
 * <p>The Temporal service is a {@code ./rack dev} of its own whose worker serves another task queue
 * and monitors only this machine, so the lab loop runs on the workers this test starts and kills.
 */
@Tag("lab")
class LabWorkerCrashE2ETest {
  private static final String FROM = "rack-crash";
  @TempDir Path dir;
  private KillableWorkers workers;

  @BeforeEach
  void start() throws Exception {
    Lab.requireUp();
    // The lab's config with absolute paths, our own task queue and relay name, no webhook receiver.
    String lab = Files.readString(Lab.CONFIG)
        .replace(".work/", Lab.WORK + "/")
        .replace("taskQueue: rack\n", "taskQueue: rack-lab-crash\n")
        .replace("from: rack\n", "from: " + FROM + "\n");
    Path config = dir.resolve("rack.yaml");
    Files.writeString(config, Lab.onlyHost(lab.substring(0, lab.indexOf("github:")), Lab.HOST));
    workers = KillableWorkers.start(dir, config, null);
  }

  @AfterEach
  void stop() {
    if (workers != null) workers.close();
  }

  private static JsonNode awaitMessage(int from, String recipient, String text, long pollMillis, Duration timeout)
      throws Exception {
    return Lab.awaitMessage(from, Lab.message(FROM, recipient, text), timeout, pollMillis, () -> "");
  }

  @Test
  void aWorkerKilledWhileRestoringServiceIsReplacedAndTheLoopCompletes() throws Exception {
    int from = Lab.relayMessages().size();
    Lab.fault("stop", "api");
    try {
      Thread.sleep(2500); // the status page notices within its 2 s probe
      // Started after the fault: the monitor's first check then sees the same two symptoms as the
      // check-now (a first check racing the fault could see only one and open a second loop).
      RackProcess first = workers.startWorker();
      workers.rack("monitor", "check-now", Lab.HOST);
      awaitMessage(from, "ceo", "Staging anomaly detected", 10, Duration.ofSeconds(60));
      first.kill(); // message 1 goes out while the loop restores service (restore first, DESIGN A3 step 3)

      try (RackProcess second = workers.startWorker()) {
        JsonNode report = awaitMessage(from, "developer", "api", 250, Duration.ofSeconds(90));
        assertTrue(report.path("message").asText().contains("Root cause"), report.toString());
        assertEquals("true", Lab.ssh("docker inspect -f '{{.State.Running}}' shop-api-1").strip(), "shop-api-1 runs again");

        String loopId = null;
        for (JsonNode loop : Lab.json(workers.rack("loops", "--json").output())) {
          if (loop.path("loopId").asText().contains("api")) loopId = loop.path("loopId").asText();
        }
        assertTrue(loopId != null, "an open loop for api");
        workers.rack("pr", "opened", loopId, "--number", "77", "--url", "https://git.example/pr/77", "--branch", "rack/" + loopId);
        awaitMessage(from, "ceo", "PR ready for approval", 250, Duration.ofSeconds(30));
        workers.rack("pr", "merged", loopId, "--number", "77", "--url", "https://git.example/pr/77");
        awaitMessage(from, "ceo", "incident response loop resolved", 250, Duration.ofSeconds(90));
      }

      Map<String, String> ceoByKey = new LinkedHashMap<>();
      List<JsonNode> ceoDeliveries = Lab.relayMessagesSince(from).stream()
          .filter(m -> FROM.equals(m.path("from").asText()) && "ceo".equals(m.path("to").asText())).toList();
      for (JsonNode m : ceoDeliveries) {
        String previous = ceoByKey.putIfAbsent(m.path("idempotencyKey").asText(), m.path("message").asText());
        if (previous != null) assertEquals(previous, m.path("message").asText(), "one key, two texts");
      }
      assertEquals(3, ceoByKey.size(), "exactly three CEO messages: " + ceoByKey.values());
      assertTrue(ceoByKey.keySet().stream().noneMatch(String::isBlank), "every message carries its key: " + ceoDeliveries);
    } finally {
      Lab.fault("stop", "api", "undo");
    }
  }
}
