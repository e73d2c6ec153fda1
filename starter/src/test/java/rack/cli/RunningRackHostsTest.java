package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command in another shell learns the hosts of the running rack from Temporal (its {@code
 * monitor-<host>} workflows), so {@code ./rack dev --config rack.yaml} in one shell and {@code
 * ./rack loop start ... --host acc} in the other work without repeating {@code --config}.
 */
class RunningRackHostsTest {
  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aLoopForAHostOnlyTheRunningRackKnowsStartsOnItsWorkerAndAnUnknownHostListsTheKnownOnes() throws Exception {
    int port = freePort();
    Path config = dir.resolve("rack.yaml");
    // A task queue of its own: the loop only runs if the CLI also learnt where the rack's worker listens.
    Files.writeString(config, """
        temporal: {taskQueue: acc-queue}
        hosts:
          - name: acc
            local: true
            interval: 1h
        remediation: {dryRun: true}   # checks this machine for real: plan, never act
        """);
    Map<String, String> noConfig = Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + port);
    try (RackProcess dev = RackProcess.start(Map.of(), "dev", "--test-server", "--config", config.toString(),
        "--port", Integer.toString(port))) {
      dev.awaitLine(l -> l.contains("acc: health "), Duration.ofSeconds(60));

      RackProcess.Result start = RackProcess.run(noConfig, "loop", "start", "incident", "--host", "acc", "--summary", "from another shell");
      assertEquals(0, start.exitCode(), start.output());
      assertTrue(start.output().strip().startsWith("started incident-acc-"), start.output());
      String loopId = start.output().strip().substring("started ".length());
      // Answered by the loop itself (a query): the rack's worker on acc-queue runs it.
      RackProcess.Result show = RackProcess.run(noConfig, "loop", "show", loopId, "--json");
      assertEquals(0, show.exitCode(), show.output());
      assertTrue(show.output().contains("\"host\" : \"acc\""), show.output());

      RackProcess.Result unknown = RackProcess.run(noConfig, "loop", "start", "incident", "--host", "nowhere", "--summary", "x");
      assertEquals(2, unknown.exitCode(), unknown.output());
      assertEquals("rack: unknown host 'nowhere' (known: acc)", unknown.output().strip());

      RackProcess.Result noMonitor = RackProcess.run(noConfig, "monitor", "check-now", "nowhere");
      assertEquals(2, noMonitor.exitCode(), noMonitor.output());
      assertEquals("rack: no running monitor for host 'nowhere' (running: acc)", noMonitor.output().strip());
    }
  }
}
