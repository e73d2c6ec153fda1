package rack.worker.temporal;

import io.temporal.testserver.TestServer;
import java.util.Optional;

/**
 * The embedded Temporal service of {@code ./rack dev}: the Java SDK's test server bound to a real
 * port, so the CLI and other processes reach it over gRPC. The fallback when no {@code temporal}
 * CLI is installed (or with {@code --test-server}): in memory only, so loops do not survive a
 * restart of {@code ./rack dev}, no Web UI and no visibility queries.
 */
public final class DevServer implements DevTemporal {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private DevServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static DevServer start(int port) throws PortTakenException {
    Ports.requireFree(port, "Temporal gRPC", "--port");
    try {
      return new DevServer(TestServer.createPortBoundServer(port), port);
    } catch (RuntimeException e) {
      throw new PortTakenException("cannot start the embedded Temporal on port " + port + ": " + e.getMessage());
    }
  }

  @Override
  public String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public Optional<String> uiUrl() {
    return Optional.empty();
  }

  @Override
  public String description() {
    return "embedded test server (in memory: loops end with ./rack dev; no Web UI)";
  }

  @Override
  public void close() {
    server.close();
  }

  public static class PortTakenException extends Exception {
    public PortTakenException(String message) {
      super(message);
    }
  }
}
