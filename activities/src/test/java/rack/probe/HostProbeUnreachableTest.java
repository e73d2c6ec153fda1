package rack.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
import io.temporal.failure.ApplicationFailure;
import rack.shell.CommandResult;
import rack.shell.LocalShell;
import rack.shell.RunOptions;
import rack.shell.Shell;
import rack.shell.ShellException;
import rack.shell.ShellFactory;
import rack.status.HttpClients;

/** A host we cannot get into is a fact in the snapshot; its status page is still read. */
class HostProbeUnreachableTest {
  @StartStop private final MockWebServer statusPage = new MockWebServer();

  private final AtomicInteger opens = new AtomicInteger();

  private HostSnapshot collectWhenOpenFails(ShellException failure) {
    return collect(h -> {
      opens.incrementAndGet();
      throw failure;
    });
  }

  private HostSnapshot collect(ShellFactory shells) {
    statusPage.enqueue(new MockResponse.Builder().code(503).build());
    HostConfig host = new HostConfig("staging", false,
        new SshSettings("staging.example", 22, "root", "/k", "/kh"),
        new StatusPage(statusPage.url("/health").toString(), StatusPageKind.HTTP), null, null);
    HostProbeImpl probe = new HostProbeImpl(
        new RackConfig(null, null, null, List.of(host), null, null, null, null, null), shells, HttpClients.shared());
    return probe.collect("staging");
  }

  @Test
  void oneRefusedStartIsNoOutage() {
    // As sshd's MaxStartups drops a share of unauthenticated connections under load.
    HostSnapshot snapshot = collect(h -> {
      if (opens.incrementAndGet() == 1) throw new ShellException("ssh root@staging.example:22: connection reset", null);
      return new LocalShell(h.name());
    });
    assertTrue(snapshot.reachable(), snapshot.problem());
    assertEquals(2, opens.get());
    assertFalse(snapshot.processes().isEmpty());
  }

  @Test
  void aCheckThatBreaksOffTwiceFailsTheActivityInsteadOfCallingTheHostUnreachable() {
    ShellFactory breaking = h -> new Shell() {
      @Override
      public CommandResult run(String command, java.time.Duration timeout, RunOptions options) throws ShellException {
        opens.incrementAndGet();
        throw ShellException.sessionsRefused("ssh to staging: the server refused every new session until the deadline", null);
      }

      @Override
      public String host() {
        return h.name();
      }

      @Override
      public void close() {}
    };
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> collect(breaking));
    assertEquals(HostProbeImpl.CHECK_FAILED, failure.getType());
    assertFalse(failure.isNonRetryable());
    assertEquals(2, opens.get());
  }

  @Test
  void aRejectedHostKeyIsNotRetried() {
    collectWhenOpenFails(new ShellException("host key changed", null, true, false));
    assertEquals(1, opens.get());
  }

  @Test
  void unreachableOnlyAfterTheRetryFailedToo() {
    HostSnapshot snapshot = collectWhenOpenFails(new ShellException("connect timed out", null));
    assertEquals(2, opens.get());
    assertFalse(snapshot.reachable());
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
    assertEquals("connect timed out (and again on a retry)", snapshot.problem());
  }
}
