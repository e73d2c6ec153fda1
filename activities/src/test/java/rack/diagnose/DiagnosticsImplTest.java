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
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.Severity;
import rack.shell.CommandResult;
import rack.shell.Shell;
import rack.shell.ShellFactory;

class DiagnosticsImplTest {

  @Test
  void gathersHostWideOutputsFromThisMachine() {
    DiagnosticBundle bundle = new DiagnosticsImpl(ProcessShell.factory(), TestHosts.config(TestHosts.policy(false)))
        .gather(TestHosts.HOST, List.of());

    assertNull(bundle.snapshot());
    List<String> expected = TestHosts.dockerWorks()
        ? List.of(DiagnosticsImpl.PS, DiagnosticsImpl.STATS, DiagnosticsImpl.DF, DiagnosticsImpl.FREE)
        : List.of(DiagnosticsImpl.DF, DiagnosticsImpl.FREE);
    assertEquals(expected, List.copyOf(bundle.outputs().keySet()).subList(0, expected.size()));
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

  /**
   * This machine's real docker CLI pointed at a daemon that is not there (as on a host without
   * Docker): the report says so once and has no docker sections, instead of one "Cannot connect"
   * block per docker command.
   */
  @Test
  void aHostWithoutDockerGetsOneNoteAndNoDockerSectionsInTheReport() {
    ShellFactory noDaemon = host -> new NoDockerDaemon(new ProcessShell(host.name()));
    DiagnosticBundle bundle = new DiagnosticsImpl(noDaemon, TestHosts.config(TestHosts.policy(false)))
        .gather(TestHosts.HOST, List.of("api"));

    assertEquals(List.of(DiagnosticsImpl.DF, DiagnosticsImpl.FREE), List.copyOf(bundle.outputs().keySet()));
    assertEquals(1, bundle.notes().size(), bundle.notes()::toString);
    assertTrue(bundle.notes().get(0).startsWith("Docker is not available on local ("), bundle.notes().get(0));

    Finding finding = new Finding(TestHosts.HOST, FindingKind.SERVICE_DOWN, Severity.CRITICAL, "api", "api is down", List.of());
    Diagnosis diagnosis = new RootCauseRules(null).diagnose(finding, bundle);
    String report = IncidentReport.render("incident-local-service-down-api", finding, diagnosis, List.of(), bundle, "Incident");
    assertEquals(1, occurrences(report, "Docker is not available on local"), report);
    assertTrue(occurrences(report, "Cannot connect to the Docker daemon") <= 1, report);
    assertFalse(report.contains("\n`docker "), "no docker section: " + report);
    assertTrue(report.contains("`" + DiagnosticsImpl.DF + "`"), report);
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
    return n;
  }

  /** Runs every command with DOCKER_HOST naming a socket nobody listens on. */
  private record NoDockerDaemon(Shell real) implements Shell {
    @Override
    public CommandResult run(String command, Duration timeout, rack.shell.RunOptions options) throws rack.shell.ShellException {
      return real.run("export DOCKER_HOST=unix:///nonexistent/docker.sock; " + command, timeout, options);
    }

    @Override
    public String host() {
      return real.host();
    }

    @Override
    public void close() {
      real.close();
    }
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
