package rack.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** {@code ./rack dev} on the real Temporal dev server, on free ports with its own state directory. */
final class RealDev implements AutoCloseable {
  final RackProcess process;
  final int port;
  final int uiPort;

  private RealDev(RackProcess process, int port, int uiPort) {
    this.process = process;
    this.port = port;
    this.uiPort = uiPort;
  }

  static RealDev start(Path config, Path stateDir) throws Exception {
    return start(config, stateDir, RealTemporal.freePort(), RealTemporal.freePort());
  }

  /** Returns once ./rack dev says where Temporal listens (its server answers by then). */
  static RealDev start(Path config, Path stateDir, int port, int uiPort) throws Exception {
    RealTemporal.cliOrSkip();
    RackProcess p = RackProcess.start(Map.of(), "dev", "--config", config.toString(), "--port", Integer.toString(port),
        "--ui-port", Integer.toString(uiPort), "--state-dir", stateDir.toString());
    try {
      p.awaitLine(l -> l.startsWith("rack dev: Temporal on 127.0.0.1:" + port), Duration.ofSeconds(90));
    } catch (AssertionError e) {
      p.close();
      throw e;
    }
    return new RealDev(p, port, uiPort);
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  /** Ctrl-C's way: SIGTERM, shutdown hook, server stopped. */
  @Override
  public void close() {
    process.close();
  }
}
