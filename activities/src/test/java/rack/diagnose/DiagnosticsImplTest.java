package rack.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import rack.hostaction.ProcessShell;
import rack.hostaction.TestHosts;
import rack.shell.CommandResult;
import rack.shell.Shell;
import rack.shell.ShellFactory;

class DiagnosticsImplTest {

  @Test
  void gathersHostWideOutputsFromThisMachine() {
    DiagnosticBundle bundle = new DiagnosticsImpl(ProcessShell.factory(), TestHosts.config(TestHosts.policy(false)))
        .gather(TestHosts.HOST, List.of());

    assertNull(bundle.snapshot());
    List<String> keys = List.copyOf(bundle.outputs().keySet()).subList(0, 4);
    assertEquals(List.of(DiagnosticsImpl.PS, DiagnosticsImpl.STATS, DiagnosticsImpl.DF, DiagnosticsImpl.FREE), keys);
    assertTrue(bundle.outputs().get(DiagnosticsImpl.DF).contains("Filesystem"));
    assertTrue(bundle.outputs().get(DiagnosticsImpl.FREE).contains("Mem:"));
  }

  @Test
  void examinesRequestedAndUnhealthyContainersWithQuotedNamesInParallel() {
    ScriptedShell shell = new ScriptedShell();
    ShellFactory factory = host -> shell;
    DiagnosticBundle bundle = new DiagnosticsImpl(factory, TestHosts.config(TestHosts.policy(false)))
        .gather(TestHosts.HOST, List.of("web", "api;reboot"));

    assertTrue(bundle.outputs().containsKey("docker logs --tail 100 'web'"));
    assertTrue(bundle.outputs().containsKey("docker logs --tail 100 'api'"));
    assertTrue(bundle.outputs().containsKey("docker logs --tail 100 'worker'"));
    assertFalse(bundle.outputs().containsKey("docker logs --tail 100 'db'"), "db is up and healthy");
    assertTrue(bundle.outputs().keySet().stream().anyMatch(k -> k.startsWith("docker inspect --format '") && k.endsWith(" 'api'")));
    assertTrue(bundle.notes().stream().anyMatch(n -> n.contains("refused unsafe container name")));
    assertTrue(shell.commands.stream().noneMatch(c -> c.contains("reboot")));
    assertTrue(shell.maxConcurrent.get() > 1, "commands ran one after another");
  }

  @Test
  void picksContainersThatAreNotRunningOrUnhealthy() {
    String states = String.join("\n",
        "api\texited\tExited (137) 2 minutes ago",
        "db\trunning\tUp 3 hours (healthy)",
        "web\trunning\tUp 1 minute (unhealthy)",
        "worker\trestarting\tRestarting (1) 5 seconds ago",
        "bad name\texited\tExited (1)");
    assertEquals(List.of("api", "web", "worker"), DiagnosticsImpl.unhealthyContainers(states));
  }

  @Test
  void boundsHowManyContainersAreExamined() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) many.add("c" + i);
    List<String> notes = new ArrayList<>();
    assertEquals(DiagnosticsImpl.MAX_CONTAINERS, DiagnosticsImpl.containersToExamine(many, "", notes).size());
    assertTrue(notes.get(0).contains("8 more containers"));
  }

  /** Answers docker commands like a host with api exited, web unhealthy, worker restarting, db fine. */
  private static final class ScriptedShell implements Shell {
    final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();

    @Override
    public CommandResult run(String command, Duration timeout, rack.shell.RunOptions options) {
      commands.add(command);
      maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      String out = command.equals(DiagnosticsImpl.CONTAINER_STATES)
          ? "api\texited\tExited (137) 1 minute ago\ndb\trunning\tUp 2 hours\nweb\trunning\tUp 1 hour (unhealthy)\nworker\trestarting\tRestarting (1)\n"
          : "output of " + command;
      return new CommandResult(command, 0, out, "", false, false, Duration.ofMillis(100));
    }

    @Override
    public String host() {
      return TestHosts.HOST;
    }

    @Override
    public void close() {}
  }
}
