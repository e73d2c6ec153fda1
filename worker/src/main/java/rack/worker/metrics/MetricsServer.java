package rack.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rack.config.MetricsSettings;

/** Serves the registry in Prometheus text format at {@code GET /metrics}. */
public final class MetricsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final PrometheusMeterRegistry registry;

  private MetricsServer(HttpServer server, PrometheusMeterRegistry registry) {
    this.server = server;
    this.registry = registry;
    server.createContext("/", this::handle);
    // The JDK's default executor handles requests on the dispatcher thread: fine for rare scrapes.
  }

  /**
   * Starts on all interfaces at the configured port (Prometheus usually scrapes from elsewhere),
   * or returns empty when metrics are off (no settings or port 0).
   */
  public static Optional<MetricsServer> startIfEnabled(MetricsSettings settings, PrometheusMeterRegistry registry) throws IOException {
    if (settings == null || settings.port() == 0) return Optional.empty();
    return Optional.of(start(new InetSocketAddress(settings.port()), registry));
  }

  /** Port 0 in {@code address} picks a free port. */
  public static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry) throws IOException {
    MetricsServer metrics = new MetricsServer(HttpServer.create(address, 8), registry);
    metrics.server.start();
    log.info("Prometheus metrics on http://{}:{}/metrics", address.getHostString(), metrics.port());
    return metrics;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals("/metrics")) {
        send(exchange, 404, "not found; try /metrics\n");
      } else if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "GET only\n");
      } else {
        send(exchange, 200, registry.scrape());
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
