package rack.worker.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An Uptime Kuma webhook notification: {@code {"heartbeat": {...}, "monitor": {...}, "msg": "..."}}
 * as JSON, or (content type "form-data") the same JSON in a multipart field named {@code data}.
 * Heartbeat status 0 is DOWN, 1 UP, 2 PENDING, 3 MAINTENANCE. The "Test" button sends a null
 * heartbeat and monitor: {@link #parse} answers empty for it.
 */
final class UptimeKumaAlert {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int DOWN = 0;
  static final int UP = 1;
  static final int MAINTENANCE = 3;

  private UptimeKumaAlert() {}

  /** The alert, or empty for a test notification or a maintenance heartbeat (nothing to check). */
  static Optional<ReceivedAlert> parse(byte[] body, String contentType) throws MalformedAlertException {
    JsonNode root = readJson(payload(body, contentType));
    JsonNode heartbeat = root.path("heartbeat");
    JsonNode monitor = root.path("monitor");
    if (!heartbeat.isObject()) return Optional.empty();
    if (!heartbeat.path("status").canConvertToInt()) {
      throw new MalformedAlertException("Uptime Kuma heartbeat has no status");
    }
    int status = heartbeat.path("status").asInt();
    if (status == MAINTENANCE) return Optional.empty();
    String name = text(monitor.get("name"));
    List<String> names = new ArrayList<>();
    names.add(name);
    names.add(text(monitor.get("pathName")));
    names.add(text(monitor.get("hostname")));
    names.add(GatusAlert.urlHost(text(monitor.get("url"))));
    String summary = text(heartbeat.get("msg"));
    if (summary == null || summary.isBlank()) summary = text(root.get("msg"));
    // PENDING (retrying) errs towards a check, like any state that is not UP.
    return Optional.of(new ReceivedAlert(AlertSource.UPTIME_KUMA, name, status != UP, names, summary, null));
  }

  /** The JSON text: the body itself, or the {@code data} field of a multipart or urlencoded form. */
  static byte[] payload(byte[] body, String contentType) throws MalformedAlertException {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/form-data")) return multipartField(body, boundary(contentType), "data");
    if (type.startsWith("application/x-www-form-urlencoded")) {
      for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).equals("data")) {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        }
      }
      throw new MalformedAlertException("form has no 'data' field");
    }
    return body;
  }

  private static String boundary(String contentType) throws MalformedAlertException {
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length());
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) b = b.substring(1, b.length() - 1);
        if (!b.isEmpty()) return b;
      }
    }
    throw new MalformedAlertException("multipart body without a boundary");
  }

  /** The named part's content; the parts' bodies are UTF-8 JSON, so text handling is exact enough. */
  static byte[] multipartField(byte[] body, String boundary, String field) throws MalformedAlertException {
    String text = new String(body, StandardCharsets.UTF_8);
    String delimiter = "--" + boundary;
    for (String part : text.split(java.util.regex.Pattern.quote(delimiter))) {
      int headersEnd = part.indexOf("\r\n\r\n");
      int skip = 4;
      if (headersEnd < 0) {
        headersEnd = part.indexOf("\n\n");
        skip = 2;
      }
      if (headersEnd < 0) continue;
      String headers = part.substring(0, headersEnd).toLowerCase(Locale.ROOT);
      if (!headers.contains("name=\"" + field + "\"")) continue;
      String content = part.substring(headersEnd + skip);
      if (content.endsWith("\r\n")) content = content.substring(0, content.length() - 2);
      else if (content.endsWith("\n")) content = content.substring(0, content.length() - 1);
      return content.getBytes(StandardCharsets.UTF_8);
    }
    throw new MalformedAlertException("multipart body has no '" + field + "' part");
  }

  private static JsonNode readJson(byte[] json) throws MalformedAlertException {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) throw new MalformedAlertException("Uptime Kuma payload is not a JSON object");
      return root;
    } catch (IOException e) {
      throw new MalformedAlertException("Uptime Kuma payload is not JSON");
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
