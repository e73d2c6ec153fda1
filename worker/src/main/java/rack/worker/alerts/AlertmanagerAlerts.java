package rack.worker.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Prometheus Alertmanager {@code webhook_config} notification (payload version 4): one group of
 * alerts, each with labels, annotations, status, startsAt and fingerprint.
 *
 * <p>Alertmanager delivers at least once (HA peers each notify; a timed-out POST is retried), so
 * each alert carries a delivery key of groupKey + fingerprint + startsAt, plus its status: the
 * resolved notification of an alert keeps its startsAt and must not count as a duplicate of the
 * firing one.
 */
final class AlertmanagerAlerts {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Labels that usually name the machine, most specific first; {@code rack_host} is for rack alone. */
  static final List<String> HOST_LABELS = List.of("rack_host", "host", "hostname", "nodename", "instance", "server", "job");
  static final List<String> SERVICE_LABELS = List.of("service", "container", "container_name", "name", "job");

  private AlertmanagerAlerts() {}

  static List<ReceivedAlert> parse(byte[] body) throws MalformedAlertException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new MalformedAlertException("Alertmanager payload is not JSON");
    }
    if (root == null || !root.isObject()) throw new MalformedAlertException("Alertmanager payload is not a JSON object");
    String version = root.path("version").asText("4");
    if (!version.equals("4")) throw new MalformedAlertException("Alertmanager payload version " + version + " (rack reads version 4)");
    JsonNode alerts = root.path("alerts");
    if (!alerts.isArray()) throw new MalformedAlertException("Alertmanager payload has no alerts list");
    String groupKey = root.path("groupKey").asText("");
    JsonNode common = root.path("commonLabels");
    List<ReceivedAlert> out = new ArrayList<>();
    for (JsonNode a : alerts) {
      JsonNode labels = a.path("labels");
      String status = a.path("status").asText(root.path("status").asText("firing"));
      List<String> names = new ArrayList<>();
      for (String key : HOST_LABELS) {
        String v = label(labels, common, key);
        names.add(v);
        if (key.equals("instance") && v != null) names.add(withoutPort(v));
      }
      String alertName = label(labels, common, "alertname");
      String service = null;
      for (String key : SERVICE_LABELS) {
        service = label(labels, common, key);
        if (service != null) break;
      }
      if (service == null) service = alertName;
      String summary = a.path("annotations").path("summary").asText(null);
      if (summary == null) summary = a.path("annotations").path("description").asText(null);
      if (summary == null) summary = alertName;
      String key = groupKey + "|" + a.path("fingerprint").asText("") + "|" + a.path("startsAt").asText("") + "|" + status;
      out.add(new ReceivedAlert(AlertSource.ALERTMANAGER, service, !status.equals("resolved"), names, summary, key));
    }
    return out;
  }

  private static String label(JsonNode labels, JsonNode common, String key) {
    JsonNode v = labels.path(key);
    if (!v.isTextual()) v = common.path(key);
    return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }

  /** {@code 10.0.0.5:9100} and {@code [::1]:9100} → the host part; node exporters put the port in instance. */
  static String withoutPort(String instance) {
    if (instance.startsWith("[")) {
      int end = instance.indexOf(']');
      return end > 0 ? instance.substring(1, end) : instance;
    }
    int colon = instance.lastIndexOf(':');
    return colon > 0 && instance.indexOf(':') == colon ? instance.substring(0, colon) : instance;
  }
}
