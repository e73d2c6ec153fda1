package rack.worker.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rack.config.AlertSettings;
import rack.config.HostConfig;
import rack.config.RackConfig;

/**
 * Push triggers: {@code POST /alerts/gatus}, {@code /alerts/uptime-kuma}, {@code /alerts/alertmanager}.
 * A firing alert asks the host's monitor to check now; a resolved one is recorded on the open loop
 * about its service. The alert is never a finding by itself: the check decides.
 *
 * <p>Answers: 200 acted on (or a sender's test notification); 202 nothing to do (no configured
 * host matches, no monitor or open loop, a duplicate delivery), with a log line; 400 malformed;
 * 401 bad or missing secret (nothing signaled); 404/405 wrong path or method; 413 over
 * {@value #MAX_PAYLOAD_BYTES} bytes; 503 Temporal did not take the signal (senders retry).
 */
public final class AlertReceiver implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(AlertReceiver.class);
  public static final String PATH = "/alerts/";
  /** Alertmanager groups can be long; a Gatus or Kuma alert is well under a kilobyte. */
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertSecret secret;
  private final AlertRouter router;
  private final AlertSignaler signaler;
  private final RecentDeliveries deliveries = new RecentDeliveries();

  AlertReceiver(AlertSecret secret, AlertRouter router, AlertSignaler signaler) {
    this.secret = secret;
    this.router = router;
    this.signaler = signaler;
  }

  /** The receiver for a validated config with an {@code alerts} section; reads the secret file now. */
  public static AlertReceiver create(RackConfig config, WorkflowClient client) throws IOException {
    AlertSettings settings = config.alerts();
    List<String> hosts = config.hosts().stream().map(HostConfig::name).toList();
    return new AlertReceiver(AlertSecret.fromFile(Path.of(settings.secretFile())),
        new AlertRouter(hosts, settings.routes()), new TemporalAlertSignaler(client));
  }

  private record Response(int status, Map<String, Object> body) {
    static Response of(int status, Object... keyValues) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ok", status < 300);
      for (int i = 0; i < keyValues.length; i += 2) body.put((String) keyValues[i], keyValues[i + 1]);
      return new Response(status, body);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      try {
        response = respond(exchange);
      } catch (RuntimeException e) {
        log.error("alert from {} not delivered: {}", exchange.getRemoteAddress(), e.toString());
        response = Response.of(503, "error", "could not reach Temporal");
      }
      byte[] body = toJson(response.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Response respond(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Optional<AlertSource> source = path.startsWith(PATH)
        ? AlertSource.ofPath(path.substring(PATH.length()).replaceAll("/+$", "")) : Optional.empty();
    if (source.isEmpty()) return Response.of(404, "error", "not found (POST /alerts/gatus, /alerts/uptime-kuma or /alerts/alertmanager)");
    if (!exchange.getRequestMethod().equals("POST")) {
      // Gatus sends GET unless the provider says method: POST.
      return Response.of(405, "error", "POST only (Gatus: set method: POST in alerting.custom)");
    }
    Optional<byte[]> payload = readCapped(exchange);
    if (payload.isEmpty()) {
      log.warn("alert from {} on {} rejected: payload over {} bytes", remote(exchange), path, MAX_PAYLOAD_BYTES);
      return Response.of(413, "error", "payload too large");
    }
    if (!secret.verify(payload.get(), exchange.getRequestHeaders())) {
      log.warn("alert from {} on {} rejected: bad or missing secret (Authorization: Bearer, {} or {})",
          remote(exchange), path, AlertSecret.TOKEN_HEADER, AlertSecret.SIGNATURE_HEADER);
      return Response.of(401, "error", "bad or missing secret");
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    List<ReceivedAlert> alerts;
    try {
      alerts = parse(source.get(), payload.get(), exchange.getRequestHeaders().getFirst("Content-Type"), query);
    } catch (MalformedAlertException e) {
      log.warn("alert from {} on {} rejected: {}", remote(exchange), path, e.getMessage());
      return Response.of(400, "error", e.getMessage());
    }
    if (alerts.isEmpty()) {
      log.info("{} test notification received", source.get().path());
      return Response.of(200, "test", true);
    }
    return dispatch(source.get(), alerts, query.get("host"));
  }

  private static List<ReceivedAlert> parse(AlertSource source, byte[] body, String contentType, Map<String, String> query)
      throws MalformedAlertException {
    return switch (source) {
      case GATUS -> List.of(GatusAlert.parse(body, query));
      case UPTIME_KUMA -> UptimeKumaAlert.parse(body, contentType).map(List::of).orElse(List.of());
      case ALERTMANAGER -> AlertmanagerAlerts.parse(body);
    };
  }

  /** Checks are asked once per host per request; resolved alerts reach their loops one by one. */
  private Response dispatch(AlertSource source, List<ReceivedAlert> alerts, String requestedHost) {
    Set<String> checked = new LinkedHashSet<>();
    List<String> recordedOn = new ArrayList<>();
    int duplicates = 0;
    int unrouted = 0;
    List<String> done = new ArrayList<>();
    for (ReceivedAlert alert : alerts) {
      if (alert.deliveryKey() != null && deliveries.contains(alert.deliveryKey())) {
        duplicates++;
        continue;
      }
      Optional<String> host = router.hostFor(alert, requestedHost);
      if (host.isEmpty()) {
        unrouted++;
        log.info("{} alert about '{}' (names {}) matches no configured host; ignored (add an alerts.routes entry or ?host=)",
            source.path(), alert.service(), alert.names());
      } else if (alert.firing()) {
        if (!checked.contains(host.get())) {
          if (signaler.checkNow(host.get(), alert.notice())) {
            checked.add(host.get());
            log.info("{} alert {} -> check of {} now", source.path(), alert.notice().describe(), host.get());
          } else {
            log.info("{} alert about '{}': no monitor runs for host {}; ignored", source.path(), alert.service(), host.get());
          }
        }
      } else {
        List<String> loops = signaler.recordResolved(host.get(), alert.notice());
        recordedOn.addAll(loops);
        log.info("{} alert {} recorded on {}", source.path(), alert.notice().describe(), loops.isEmpty() ? "no open loop" : loops);
      }
      if (alert.deliveryKey() != null) done.add(alert.deliveryKey());
    }
    done.forEach(deliveries::remember);
    boolean acted = !checked.isEmpty() || !recordedOn.isEmpty();
    return Response.of(acted ? 200 : 202, "checks", List.copyOf(checked), "recordedOn", recordedOn,
        "duplicates", duplicates, "unknownHost", unrouted);
  }

  /** The body, or empty when larger than the cap; a declared oversize body is not read at all. */
  private static Optional<byte[]> readCapped(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && Long.parseLong(declared.trim()) > MAX_PAYLOAD_BYTES) return Optional.empty();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
      return body.length > MAX_PAYLOAD_BYTES ? Optional.empty() : Optional.of(body);
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return params;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      try {
        params.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEscape) {
        // an unescaped % from a substituted placeholder: skip the pair
      }
    }
    return params;
  }

  private static String remote(HttpExchange exchange) {
    return exchange.getRemoteAddress().getAddress().getHostAddress();
  }

  private static byte[] toJson(Map<String, Object> body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
