package rack.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import rack.model.HostSnapshot.ContainerLogSummary;

class ContainerLogsTest {
  private static final String NONCE = "0123456789abcdef";
  private static final String API = "a".repeat(64);
  private static final String WEB = "b".repeat(64);

  @Test
  void theCommandHoldsOnlyOurValues() {
    String command = ContainerLogs.command(NONCE, 3600);
    assertTrue(command.contains("docker logs --since 3600s \"$id\""), command);
    assertTrue(command.contains("*[!0-9a-f]*|\"\") continue"), "ids are checked on the host");
    assertTrue(command.contains("tail -c \"$each\""), "bounded in bytes");
    assertTrue(command.contains("timeout -k 1 3"), "bounded in time");
    assertThrows(IllegalArgumentException.class, () -> ContainerLogs.command("x; rm -rf /", 60));
    assertTrue(ContainerLogs.command(NONCE, 0).contains("--since 1s"));
  }

  @Test
  void sectionsAreSplitByTheNonceAndNamedByContainer() {
    String out = "\n" + NONCE + " " + API + " 1000\n"
        + "ERROR payment provider returned 503\nERROR payment provider returned 503\nINFO ok\n"
        + "\n" + NONCE + " " + WEB + " 20\n"
        + "INFO web listening; this section filled its share\n";
    Map<String, ContainerLogSummary> logs = ContainerLogs.parse(out, NONCE, Map.of(API, "shop-api-1", WEB, "shop-web-1"));
    ContainerLogSummary api = logs.get(API);
    assertEquals("shop-api-1", api.container());
    assertEquals(2, api.errorLines());
    assertEquals("ERROR payment provider returned 503", api.topErrors().get(0).text());
    assertFalse(api.truncated());
    assertTrue(logs.get(WEB).truncated(), "as many bytes as its share: the read was cut");
    assertEquals(0, logs.get(WEB).errorLines());
  }

  @Test
  void aLogCannotForgeASectionWithoutTheNonce() {
    String out = "\n" + NONCE + " " + API + " 1000\n"
        + "0000000000000000 " + WEB + " 5\nERROR x\n";
    Map<String, ContainerLogSummary> logs = ContainerLogs.parse(out, NONCE, Map.of());
    assertEquals(1, logs.size());
    assertEquals(1, logs.get(API).errorLines());
    assertEquals("aaaaaaaaaaaa", logs.get(API).container(), "unknown id: its short form");
  }
}
