package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Temporal service and {@code rack worker} processes with one config, for tests that kill workers.
 * The service is a real server at {@code temporalAddress}, or else a {@code ./rack dev} of its own
 * whose own worker serves another task queue and monitors only this machine, so loops on the
 * config's task queue run only on the workers started here. That {@code ./rack dev} runs the real
 * dev server with {@code RACK_TEST_TEMPORAL=real}, else the in-memory test server.
 */
final class KillableWorkers implements AutoCloseable {
  private final AutoCloseable dev;
  private final Map<String, String> env;
  private final Path config;

  private KillableWorkers(AutoCloseable dev, String address, Path config) {
    this.dev = dev;
    this.env = Map.of("TEMPORAL_ADDRESS", address);
    this.config = config;
  }

  /** @param config a rack.yaml whose task queue is the test's own */
  static KillableWorkers start(Path dir, Path config, String temporalAddress) throws Exception {
    if (temporalAddress != null && !temporalAddress.isBlank()) return new KillableWorkers(null, temporalAddress, config);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path devConfig = dir.resolve("dev.yaml");
    Files.writeString(devConfig, """
        temporal: {taskQueue: rack-killable-workers-dev}
        hosts:
          - {name: dev-own, local: true, interval: 1h}
        # It checks this machine for real: whatever it finds (a lab fault, a developer's own
        # process) is planned and recorded, never killed by a test run.
        remediation: {dryRun: true}
        """);
    if (RealTemporal.required()) {
      RealDev real = RealDev.start(devConfig, dir.resolve("dev-state"), port, RealTemporal.freePort());
      return new KillableWorkers(real, real.address(), config);
    }
    RackProcess dev = RackProcess.start(Map.of(), "dev", "--test-server", "--config", devConfig.toString(), "--port", Integer.toString(port));
    dev.awaitLine(l -> l.startsWith("rack dev: Temporal on 127.0.0.1:" + port), Duration.ofSeconds(60));
    return new KillableWorkers(dev, "127.0.0.1:" + port, config);
  }

  /** A new {@code rack worker} process, once it says it is connected. */
  RackProcess startWorker() throws Exception {
    RackProcess w = RackProcess.start(env, "worker", "--config", config.toString());
    w.awaitLine(l -> l.startsWith("rack worker: connected"), Duration.ofSeconds(60));
    return w;
  }

  /** Runs a CLI verb with the config; it must exit 0. */
  RackProcess.Result rack(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    RackProcess.Result r = RackProcess.run(env, all.toArray(String[]::new));
    assertEquals(0, r.exitCode(), "rack " + String.join(" ", args) + ":\n" + r.output());
    return r;
  }

  @Override
  public void close() {
    try {
      if (dev != null) dev.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
