package rack.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalShellTest {
  private final LocalShell shell = new LocalShell("here", 64 * 1024);

  @AfterEach
  void close() {
    shell.close();
  }

  @Test
  void runsThroughShWithExitCodeAndBothStreams() throws Exception {
    CommandResult result = shell.run("echo out; echo err >&2; exit 4", Duration.ofSeconds(5));
    assertEquals(new CommandResult(result.command(), 4, "out\n", "err\n", false, false, result.took()), result);
    assertEquals("echo out; echo err >&2; exit 4", result.command());
  }

  @Test
  void metacharactersReachTheShellIntact() throws Exception {
    CommandResult result = shell.run("x='a;rm -rf /'; printf '%s' \"$x\" '$(id)'", Duration.ofSeconds(5));
    assertEquals("a;rm -rf /$(id)", result.stdout());
  }

  @Test
  void commandTimeout() throws Exception {
    CommandResult result = shell.run("echo begun; sleep 30", Duration.ofSeconds(1));
    assertTrue(result.timedOut());
    assertNull(result.exitCode());
    assertEquals("begun\n", result.stdout());
    assertTrue(result.took().compareTo(Duration.ofSeconds(4)) < 0, result.took()::toString);
  }

  @Test
  void fiftyMegabytesAreDrainedAndCut() throws Exception {
    CommandResult result = shell.run("head -c 52428800 /dev/zero | tr '\\0' z", Duration.ofSeconds(20));
    assertEquals(0, result.exitCode());
    assertTrue(result.truncated());
    assertEquals(64 * 1024, result.stdout().length());
  }

  @Test
  void aBackgroundChildHoldingTheOutputDoesNotHoldTheCaller() throws Exception {
    CommandResult result = shell.run("sleep 6 & echo parent done", Duration.ofSeconds(10));
    assertEquals(0, result.exitCode());
    assertFalse(result.timedOut());
    assertTrue(result.stdout().startsWith("parent done"));
    assertTrue(result.took().compareTo(Duration.ofSeconds(5)) < 0, result.took()::toString);
  }
}
