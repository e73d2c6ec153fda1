package rack.hostaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import rack.remedy.RemediationImpl;
import rack.shell.ShellException;
import rack.shell.ShellFactory;

class HostShellsTest {

  private static ApplicationFailure restartFailure(ShellException thrown) {
    ShellFactory failing = host -> {
      throw thrown;
    };
    RemediationImpl remediation = new RemediationImpl(failing, TestHosts.config(TestHosts.policy(false)));
    return assertThrows(ApplicationFailure.class, () -> remediation.restartContainer(TestHosts.HOST, "api", "k"));
  }

  @Test
  void aRejectedHostKeyOrRefusedLoginIsNotRetried() {
    ApplicationFailure hostKey = restartFailure(new ShellException("key changed", null, true, false));
    assertTrue(hostKey.isNonRetryable());
    assertEquals(HostShells.HOST_KEY_REJECTED, hostKey.getType());

    ApplicationFailure auth = restartFailure(new ShellException("publickey refused", null, false, true));
    assertTrue(auth.isNonRetryable());
    assertEquals(HostShells.AUTH_FAILED, auth.getType());
  }

  @Test
  void aLostConnectionIsRetried() {
    ApplicationFailure lost = restartFailure(new ShellException("connection reset", null));
    assertFalse(lost.isNonRetryable());
    assertEquals(HostShells.TRANSPORT_FAILED, lost.getType());
  }

  @Test
  void anUnknownHostIsNotRetried() {
    RemediationImpl remediation = new RemediationImpl(ProcessShell.factory(), TestHosts.config(TestHosts.policy(false)));
    ApplicationFailure unknown = assertThrows(ApplicationFailure.class, () -> remediation.restartContainer("nowhere", "api", "k"));
    assertTrue(unknown.isNonRetryable());
    assertEquals(HostShells.UNKNOWN_HOST, unknown.getType());
  }

  @Test
  void aFailedAttemptIsNotRememberedSoTheRetryRunsAgain() {
    RecentResults<String> recent = new RecentResults<>(10);
    assertThrows(IllegalStateException.class, () -> recent.getOrRun("k", () -> {
      throw new IllegalStateException("transport");
    }));
    assertEquals("second", recent.getOrRun("k", () -> "second"));
    assertEquals("second", recent.getOrRun("k", () -> "third"));
  }

  @Test
  void forgetsTheOldestKeysBeyondCapacity() {
    RecentResults<String> recent = new RecentResults<>(2);
    recent.getOrRun("a", () -> "1");
    recent.getOrRun("b", () -> "2");
    recent.getOrRun("c", () -> "3");
    assertEquals(2, recent.size());
    assertEquals("again", recent.getOrRun("a", () -> "again"));
  }
}
