package rack.worker.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rack.config.GithubSettings;
import rack.worker.github.PullRequestEvent.MalformedEventException;
import rack.worker.github.PullRequestSignaler.Delivery;

/**
 * Receives GitHub webhooks ({@code POST /github} or {@code POST /}) and turns {@code pull_request}
 * events into loop signals, so a loop links itself to the developer's PR without {@code ./rack pr}.
 *
 * <p>Answers, as GitHub shows them on the webhook's delivery page: 401 bad or missing signature
 * (nothing signaled), 413 payload over {@value #MAX_PAYLOAD_BYTES} bytes, 200 ping or signal sent,
 * 202 event or action that means nothing to a loop, or no running loop named by the PR, 400
 * malformed payload, 503 Temporal did not take the signal (GitHub lets you redeliver).
 */
public final class GithubWebhookServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GithubWebhookServer.class);
  /** GitHub caps payloads at 25 MB, but a pull_request event is a few tens of KB. */
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;
  public static final String LOOPBACK = "127.0.0.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads;
  private final WebhookSignature signature;
  private final PullRequestSignaler signaler;

  private GithubWebhookServer(HttpServer server, WebhookSignature signature, PullRequestSignaler signaler) {
    this.server = server;
    this.signature = signature;
    this.signaler = signaler;
    // Two threads: deliveries are rare and each is one signal; a slow client cannot starve the worker.
    this.threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "github-webhook");
      t.setDaemon(true);
      return t;
    });
    server.createContext("/", this::handle);
    server.setExecutor(threads);
  }

  /** Listens on 127.0.0.1 at the configured port; put a reverse proxy or tunnel in front for GitHub. */
  public static GithubWebhookServer start(GithubSettings settings, WorkflowClient client) throws IOException {
    return start(new InetSocketAddress(InetAddress.getByName(LOOPBACK), settings.port()),
        WebhookSignature.fromFile(Path.of(settings.secretFile())), client);
  }

  /** Listens on any address (e.g. 0.0.0.0 inside a container); port 0 picks a free port. */
  public static GithubWebhookServer start(InetSocketAddress address, WebhookSignature signature, WorkflowClient client)
      throws IOException {
    GithubWebhookServer webhook =
        new GithubWebhookServer(HttpServer.create(address, 16), signature, new PullRequestSignaler(client));
    webhook.server.start();
    log.info("GitHub webhook receiver listening on http://{}:{}/github", address.getHostString(), webhook.port());
    return webhook;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Serves another receiver under {@code path} on the same port (the alert receiver, {@code /alerts/}). */
  public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(path, handler);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response = respond(exchange);
      byte[] body = toJson(response.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private record Response(int status, Map<String, Object> body) {
    static Response of(int status, Object... keyValues) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ok", status < 300);
      for (int i = 0; i < keyValues.length; i += 2) body.put((String) keyValues[i], keyValues[i + 1]);
      return new Response(status, body);
    }
  }

  private Response respond(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/") && !path.equals("/github")) return Response.of(404, "error", "not found");
    if (!exchange.getRequestMethod().equals("POST")) return Response.of(405, "error", "POST only");

    String delivery = exchange.getRequestHeaders().getFirst("X-GitHub-Delivery");
    Optional<byte[]> payload = readCapped(exchange);
    if (payload.isEmpty()) {
      log.warn("webhook delivery {} rejected: payload over {} bytes", delivery, MAX_PAYLOAD_BYTES);
      return Response.of(413, "error", "payload too large");
    }
    if (!signature.verify(payload.get(), exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER))) {
      log.warn("webhook delivery {} from {} rejected: bad or missing {}", delivery,
          exchange.getRemoteAddress().getAddress().getHostAddress(), WebhookSignature.HEADER);
      return Response.of(401, "error", "bad or missing signature");
    }

    String event = String.valueOf(exchange.getRequestHeaders().getFirst("X-GitHub-Event"));
    return switch (event) {
      case "ping" -> Response.of(200, "event", "ping");
      case "pull_request" -> pullRequest(payload.get(), delivery);
      default -> Response.of(202, "ignored", "event " + event);
    };
  }

  private Response pullRequest(byte[] payload, String delivery) {
    PullRequestEvent event;
    try {
      event = PullRequestEvent.parse(payload);
    } catch (MalformedEventException e) {
      return Response.of(400, "error", e.getMessage());
    }
    Optional<String> signal = event.signal();
    if (signal.isEmpty()) return Response.of(202, "ignored", "action " + event.action());
    Optional<Delivery> sent;
    try {
      sent = signaler.deliver(event, signal.get());
    } catch (RuntimeException e) {
      log.error("webhook delivery {}: could not signal PR #{} ({}): {}", delivery, event.number(), event.headRef(), e.toString());
      return Response.of(503, "error", "could not reach Temporal");
    }
    if (sent.isEmpty()) {
      log.info("webhook delivery {}: PR #{} on branch '{}' names no running loop; ignored", delivery, event.number(), event.headRef());
      return Response.of(202, "ignored", "no running loop named by branch or Rack-Loop line");
    }
    log.info("webhook delivery {}: PR #{} {} -> {} on loop {}", delivery, event.number(), event.action(),
        sent.get().signal(), sent.get().loopId());
    return Response.of(200, "loop", sent.get().loopId(), "signal", sent.get().signal());
  }

  /** The body, or empty when it is larger than the cap; a declared oversize body is not read at all. */
  private static Optional<byte[]> readCapped(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    // The JDK server has already rejected a malformed Content-Length.
    if (declared != null && Long.parseLong(declared.trim()) > MAX_PAYLOAD_BYTES) return Optional.empty();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
      return body.length > MAX_PAYLOAD_BYTES ? Optional.empty() : Optional.of(body);
    }
  }

  private static byte[] toJson(Map<String, Object> body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
