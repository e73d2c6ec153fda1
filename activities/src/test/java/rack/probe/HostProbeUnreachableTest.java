package rack.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import rack.config.HostConfig;
import rack.config.HostConfig.SshSettings;
import rack.config.HostConfig.StatusPage;
import rack.config.HostConfig.StatusPageKind;
import rack.config.RackConfig;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ServiceState;
import rack.shell.ShellException;
import rack.status.HttpClients;

/** A host we cannot get into is a fact in the snapshot; its status page is still read. */
class HostProbeUnreachableTest {
  @StartStop private final MockWebServer statusPage = new MockWebServer();

  private HostSnapshot collectWhenOpenFails(ShellException failure) {
    statusPage.enqueue(new MockResponse.Builder().code(503).build());
    HostConfig host = new HostConfig("staging", false,
        new SshSettings("staging.example", 22, "root", "/k", "/kh"),
        new StatusPage(statusPage.url("/health").toString(), StatusPageKind.HTTP), null, null);
    HostProbeImpl probe = new HostProbeImpl(
        new RackConfig(null, null, null, List.of(host), null, null, null, null, null),
        h -> { throw failure; }, HttpClients.shared());
    return probe.collect("staging");
  }

  @Test
  void rejectedHostKey() {
    HostSnapshot snapshot = collectWhenOpenFails(new ShellException("host key changed", null, true, false));
    assertFalse(snapshot.reachable());
    assertTrue(snapshot.hostKeyRejected());
    assertEquals("host key changed", snapshot.problem());
    assertEquals(ServiceState.DOWN, snapshot.services().get(0).state());
  }

  @Test
  void unreachableHost() {
    HostSnapshot snapshot = collectWhenOpenFails(new ShellException("connect timed out", null));
    assertFalse(snapshot.reachable());
    assertFalse(snapshot.hostKeyRejected());
    assertEquals("connect timed out", snapshot.problem());
  }
}
