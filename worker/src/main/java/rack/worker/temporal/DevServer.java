package rack.worker.temporal;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The embedded Temporal service of {@code ./rack dev}: the Java SDK's test server bound to a real
 * port, so the CLI and other processes reach it over gRPC. In memory only: loops do not survive a
 * restart of {@code ./rack dev} (production uses docker-compose.yml with the real server).
 */
public final class DevServer implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private DevServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static DevServer start(int port) throws PortTakenException {
    // Checked first because the test server's own failure is a long gRPC stack trace.
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new PortTakenException("port " + port + " is taken (is another ./rack dev or Temporal running?); use --port to pick another");
    }
    try {
      return new DevServer(TestServer.createPortBoundServer(port), port);
    } catch (RuntimeException e) {
      throw new PortTakenException("cannot start the embedded Temporal on port " + port + ": " + e.getMessage());
    }
  }

  public String address() {
    return "127.0.0.1:" + port;
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
