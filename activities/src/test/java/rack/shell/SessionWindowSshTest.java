package rack.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sshj against a server that refuses sessions past its per-connection limit, as OpenSSH does. */
class SessionWindowSshTest {
  @TempDir Path dir;
  private final DefaultShellFactory factory = new DefaultShellFactory(Duration.ofSeconds(5), Duration.ofSeconds(30), 64 * 1024);

  @Test
  void twelveCommandsAtOnceAgainstOneSessionPerConnectionAllRun() throws Exception {
    try (SessionLimitedSshServer server = new SessionLimitedSshServer(dir, 1);
         Shell shell = factory.open(server.host("hardened"))) {
      ExecutorService pool = Executors.newFixedThreadPool(12);
      try {
        List<Future<CommandResult>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          String command = "sleep 0.1; echo " + i;
          results.add(pool.submit(() -> shell.run(command, Duration.ofSeconds(10))));
        }
        for (int i = 0; i < 12; i++) {
          CommandResult result = results.get(i).get();
          assertEquals(i + "\n", result.stdout(), result::toString);
          assertEquals(0, result.exitCode());
        }
      } finally {
        pool.shutdownNow();
      }
      assertTrue(server.refusals() > 0, "the server never refused: the test proves nothing");
      assertEquals(1, server.mostOpenAtOnce());
      assertEquals(server.refusals(), ((SshShell) shell).refusals());
    }
  }

  @Test
  void backToBackCommandsOnOneSessionWaitForTheServerToLetGo() throws Exception {
    try (SessionLimitedSshServer server = new SessionLimitedSshServer(dir, 1);
         Shell shell = factory.open(server.host("hardened"))) {
      for (int i = 0; i < 20; i++) {
        assertEquals(i + "\n", shell.run("echo " + i, Duration.ofSeconds(10)).stdout());
      }
      assertEquals(20, server.accepted());
    }
  }

  @Test
  void aServerThatRefusesEverySessionFailsTheCommandAsRefusedNotUnreachable() throws Exception {
    try (SessionLimitedSshServer server = new SessionLimitedSshServer(dir, 0);
         Shell shell = factory.open(server.host("closed"))) {
      ShellException e = assertThrows(ShellException.class, () -> shell.run("echo never", Duration.ofSeconds(1)));
      assertTrue(e.sessionsRefused(), e.getMessage());
      assertFalse(e.hostKeyRejected());
      assertFalse(e.authenticationFailed());
      assertTrue(e.getMessage().contains("ADMINISTRATIVELY_PROHIBITED"), e.getMessage());
      assertTrue(server.refusals() > 1, "retried before giving up: " + server.refusals());
    }
  }
}
