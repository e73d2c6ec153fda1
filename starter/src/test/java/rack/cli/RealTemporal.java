package rack.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import rack.worker.temporal.TemporalCli;

/**
 * Whether tests get the real Temporal dev server. With {@code RACK_TEST_TEMPORAL=real} (.ci/run,
 * after .ci/install-tools) the tests that need it fail when no CLI is found and the worker-crash
 * test runs on it; otherwise they run when a CLI is found ({@code .tools/bin/temporal}, PATH) and
 * are skipped, saying so, when none is.
 */
final class RealTemporal {
  private RealTemporal() {}

  static boolean required() {
    return "real".equals(System.getenv("RACK_TEST_TEMPORAL"));
  }

  static Optional<Path> cli() {
    Map<String, String> env = System.getenv();
    return TemporalCli.find(env, Optional.of(RackProcess.CHECKOUT));
  }

  /** The CLI, or the test is skipped (failed when required). */
  static Path cliOrSkip() {
    Optional<Path> cli = cli();
    if (cli.isEmpty()) {
      if (required()) Assertions.fail("RACK_TEST_TEMPORAL=real but no temporal CLI (run .ci/install-tools)");
      Assumptions.abort("no temporal CLI (.ci/install-tools installs one): real dev server tests skipped");
    }
    return cli.get();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
