package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C stops {@code ./rack dev} quietly: a real process gets SIGINT on its whole process group, as
 * from a terminal, and prints two lines, no stack trace, and ends. What the libraries log goes to
 * the state directory's logs/rack.log, which a start-up line names. On the in-memory test server
 * and, when the temporal CLI is installed, on its dev server (the terminal's Ctrl-C used to stop
 * that server under the stopping worker: 36 lines of connection-refused traces and a 10 s wait).
 */
class DevCtrlCTest {
  @TempDir Path dir;

  @Test
  void onTheTestServer() throws Exception {
    ctrlCStopsQuietly(List.of("--test-server"));
  }

  @Test
  void onTheCliDevServer() throws Exception {
    RealTemporal.cliOrSkip();
    ctrlCStopsQuietly(List.of("--ui-port", Integer.toString(RealTemporal.freePort())));
  }

  private void ctrlCStopsQuietly(List<String> server) throws Exception {
    int port = RealTemporal.freePort();
    Path state = dir.resolve("state");
    List<String> args = new ArrayList<>(List.of("dev", "--port", Integer.toString(port), "--state-dir", state.toString()));
    args.addAll(server);
    // RACK_DEBUG unset: the console is what a user sees by default.
    try (RackProcess dev = RackProcess.startInForeground(Map.of("RACK_DEBUG", ""), args.toArray(String[]::new))) {
      dev.awaitLine(l -> l.contains("local: health "), Duration.ofSeconds(90));
      Map<String, String> cli = Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + port);
      // Open loops and an interrupted wait: workflows with cancelled timers in the worker's cache.
      assertEquals(0, RackProcess.run(cli, "loop", "start", "anomaly", "--host", "local", "--summary", "ctrl-c test").exitCode());
      assertEquals(0, RackProcess.run(cli, "monitor", "check-now", "local").exitCode());
      assertEquals(0, RackProcess.run(cli, "monitor", "check-now", "local").exitCode());
      dev.awaitLine(l -> l.contains("awaiting") || l.contains("waits for your decision"), Duration.ofSeconds(60));
      int before = dev.lines().size();

      dev.ctrlC();
      int exit = dev.awaitExit(Duration.ofSeconds(30));

      List<String> lines = dev.lines();
      String all = String.join("\n", lines);
      // rack's own lines after Ctrl-C (a message a loop sends meanwhile may come between: this machine
      // is really checked, and a busy one has findings).
      assertEquals(List.of("rack dev: stopping", "rack dev: stopped"),
          lines.subList(before, lines.size()).stream().filter(l -> l.startsWith("rack dev:")).toList(), all);
      assertEquals("rack dev: stopped", lines.get(lines.size() - 1), all);
      assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception") || l.contains("Failure")), all);
      assertEquals(130, exit, "ended by SIGINT (128 + 2)");
      assertEquals(1, lines.stream()
          .filter(l -> l.equals("rack dev: library logs in " + state.resolve("logs/rack.log") + " (RACK_DEBUG=1 prints them here)"))
          .count(), all);
      // Nor in the file: the server outlived the worker's shutdown (the terminal's SIGINT did not reach it).
      String libraries = Files.readString(state.resolve("logs/rack.log"));
      assertTrue(!libraries.contains("UNAVAILABLE") && !libraries.contains("Connection refused"), libraries);
    }
  }
}
