package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Push triggers end to end: the lab's monitor checks hourly (lab/rack.yaml interval 1h), so when a
 * Gatus-style alert POSTed to the worker is followed within seconds by the CEO's first message,
 * the alert started that check; nothing in this test asks for one.
 */
@Tag("lab")
class LabPushE2ETest {
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

  @Test
  void aGatusAlertStartsTheCheckThatTellsTheCeo() throws Exception {
    int from = Lab.relayMessages().size();
    Lab.fault("stop", "web");
    try {
      Thread.sleep(2500); // the status page sees web down within its 2 s probe, as Gatus would before alerting
      long sent = System.nanoTime();
      String answer = Lab.fault("alert", "web", Lab.HOST);
      assertTrue(answer.contains("\"checks\":[\"" + Lab.HOST + "\"]"), answer);
      JsonNode first = Lab.awaitMessage(from, Lab.message("rack", "ceo", "Staging anomaly detected"),
          Duration.ofSeconds(20), 50, () -> "--- rack dev output:\n" + dev.output());
      long millis = (System.nanoTime() - sent) / 1_000_000;
      System.out.println("alert -> CEO message 1: " + millis + " ms");
      String text = first.path("message").asText();
      assertTrue(text.contains("Storefront") || text.contains("shop-web-1"), first.toString());
      assertTrue(millis < 15_000, "within seconds of the alert: " + millis + " ms");

      // Gatus says RESOLVED (rack's emergency restart brought web back): recorded on the open loop.
      String resolved = Lab.fault("alert", "web", Lab.HOST, "undo");
      assertTrue(resolved.contains("recordedOn"), resolved);
      String loopId = Lab.json(resolved.substring(resolved.indexOf('{'), resolved.lastIndexOf('}') + 1))
          .path("recordedOn").path(0).asText();
      assertTrue(loopId.startsWith("incident-" + Lab.HOST + "-"), resolved);
      RackProcess.Result show = RackProcess.run(env, "loop", "show", loopId, "--json");
      assertEquals(0, show.exitCode(), show.output());
      assertTrue(show.output().contains("alert-resolved"), show.output());
    } finally {
      Lab.fault("stop", "web", "undo");
    }
  }
}
