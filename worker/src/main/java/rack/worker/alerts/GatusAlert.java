package rack.worker.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Gatus custom-provider alert ({@code alerting.custom}). Gatus fills a body template the user
 * writes, substituting {@code [ENDPOINT_NAME]}, {@code [ENDPOINT_GROUP]}, {@code [ENDPOINT_URL]},
 * {@code [ALERT_DESCRIPTION]} and {@code [ALERT_TRIGGERED_OR_RESOLVED]} as plain text: older
 * releases do not JSON-escape them (gatus #188, #989), so a description with a quote or a newline
 * makes the "JSON" invalid. This reads strict JSON first, then the same keys leniently, then
 * query parameters (Gatus substitutes placeholders in the URL too), then a bare TRIGGERED/RESOLVED
 * word.
 */
final class GatusAlert {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> NAME_KEYS = List.of("endpoint_name", "endpointName", "name", "endpoint");
  static final List<String> GROUP_KEYS = List.of("endpoint_group", "endpointGroup", "group");
  static final List<String> URL_KEYS = List.of("endpoint_url", "endpointUrl", "url");
  static final List<String> DESCRIPTION_KEYS = List.of("alert_description", "description", "alertDescription", "message");
  static final List<String> STATE_KEYS = List.of("status", "state", "alert_triggered_or_resolved", "alert", "event");
  private static final Pattern KEY = Pattern.compile("\"([A-Za-z_]+)\"\\s*:\\s*\"");
  /** A placeholder Gatus left as it was (a typo in the template, or one this release lacks). */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z_]+\\]");
  private static final Pattern STATE_WORD =
      Pattern.compile("\\b(TRIGGERED|RESOLVED)\\b", Pattern.CASE_INSENSITIVE);

  private GatusAlert() {}

  static ReceivedAlert parse(byte[] body, Map<String, String> query) throws MalformedAlertException {
    String text = new String(body, StandardCharsets.UTF_8);
    Map<String, String> fields = strictJson(text).orElseGet(() -> lenientJson(text));
    query.forEach((k, v) -> fields.putIfAbsent(k, v));
    String name = first(fields, NAME_KEYS);
    String group = first(fields, GROUP_KEYS);
    String url = first(fields, URL_KEYS);
    String state = first(fields, STATE_KEYS);
    if (state == null) {
      Matcher word = STATE_WORD.matcher(text);
      if (word.find()) state = word.group(1);
    }
    if (name == null && state == null) {
      throw new MalformedAlertException("no endpoint name and no TRIGGERED/RESOLVED in the Gatus alert (see README: alerting.custom)");
    }
    List<String> names = new ArrayList<>();
    names.add(group);
    names.add(name);
    if (group != null && name != null) names.add(group + "/" + name);
    names.add(urlHost(url));
    String service = group != null && name != null ? group + "/" + name : name;
    return new ReceivedAlert(AlertSource.GATUS, service, isFiring(state), names, first(fields, DESCRIPTION_KEYS), null);
  }

  /**
   * TRIGGERED unless the word says the problem is gone. Gatus lets users rename the two values
   * ({@code placeholders.ALERT_TRIGGERED_OR_RESOLVED}), so common synonyms count; an unknown word
   * errs towards a check, which decides anyway.
   */
  static boolean isFiring(String state) {
    if (state == null) return true;
    return switch (state.strip().toLowerCase(Locale.ROOT)) {
      case "resolved", "ok", "up", "operational", "healthy", "success", "recovered" -> false;
      default -> true;
    };
  }

  private static Optional<Map<String, String>> strictJson(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException notJson) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) return Optional.empty();
    Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    root.fields().forEachRemaining(e -> {
      if (e.getValue().isValueNode()) fields.put(e.getKey(), e.getValue().asText());
    });
    return Optional.of(fields);
  }

  /**
   * {@code "key": "value"} pairs where a value may hold raw quotes and newlines: a value runs up to
   * the last quote before the next key (or before the closing brace).
   */
  static Map<String, String> lenientJson(String text) {
    Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Matcher m = KEY.matcher(text);
    List<int[]> keys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      if (!isKnown(m.group(1))) continue;
      keys.add(new int[] {m.start(), m.end()});
      names.add(m.group(1));
    }
    for (int i = 0; i < keys.size(); i++) {
      int from = keys.get(i)[1];
      int limit = i + 1 < keys.size() ? keys.get(i + 1)[0] : closingBrace(text, from);
      int close = text.lastIndexOf('"', limit - 1);
      if (close < from) continue;
      fields.putIfAbsent(names.get(i), text.substring(from, close));
    }
    return fields;
  }

  private static boolean isKnown(String key) {
    for (List<String> group : List.of(NAME_KEYS, GROUP_KEYS, URL_KEYS, DESCRIPTION_KEYS, STATE_KEYS)) {
      if (group.stream().anyMatch(k -> k.equalsIgnoreCase(key))) return true;
    }
    return false;
  }

  private static int closingBrace(String text, int from) {
    int brace = text.lastIndexOf('}');
    return brace > from ? brace : text.length();
  }

  private static String first(Map<String, String> fields, List<String> keys) {
    for (String k : keys) {
      String v = fields.get(k);
      if (v != null && !v.isBlank() && !PLACEHOLDER.matcher(v).matches()) return v;
    }
    return null;
  }

  static String urlHost(String url) {
    if (url == null) return null;
    try {
      return URI.create(url.strip()).getHost();
    } catch (IllegalArgumentException notAUrl) {
      return null;
    }
  }
}
