package rack.worker.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert receiver on a port of its own, for configs whose {@code alerts.port} differs from the
 * GitHub receiver's (or that have none). Loopback only, like the GitHub receiver: put a reverse
 * proxy in front for senders on other machines.
 */
public final class AlertServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertServer.class);
  private final HttpServer server;
  private final ExecutorService threads;

  private AlertServer(HttpServer server) {
    this.server = server;
    // Two threads: each alert is a signal or two; a slow sender cannot starve the worker.
    this.threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "alert-receiver");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
  }

  public static AlertServer start(int port, AlertReceiver receiver) throws IOException {
    return start(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), receiver);
  }

  /** Port 0 picks a free port. */
  public static AlertServer start(InetSocketAddress address, AlertReceiver receiver) throws IOException {
    AlertServer alerts = new AlertServer(HttpServer.create(address, 16));
    alerts.server.createContext(AlertReceiver.PATH, receiver);
    alerts.server.start();
    log.info("alert receiver listening on http://{}:{}{}", address.getHostString(), alerts.port(), AlertReceiver.PATH);
    return alerts;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
