package rack.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;

/**
 * Uptime Kuma (DESIGN C5). The configured URL is the public status page
 * {@code https://host/status/<slug>}; monitor names come from {@code /api/status-page/<slug>} and
 * the newest heartbeat of each monitor from {@code /api/status-page/heartbeat/<slug>}.
 * Heartbeat status: 0 DOWN, 1 UP, 2 PENDING (failing, retries not yet exhausted) → DEGRADED,
 * 3 MAINTENANCE → UNKNOWN (nobody should be alerted about planned work).
 */
public final class UptimeKumaClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OkHttpClient http;

  public UptimeKumaClient(OkHttpClient http) {
    this.http = http;
  }

  public StatusPageResult fetch(String statusPageUrl) {
    HttpUrl page = HttpUrl.parse(statusPageUrl);
    List<String> segments = page == null ? List.of() : page.pathSegments();
    int at = segments.indexOf("status");
    if (at < 0 || at + 1 >= segments.size() || segments.get(at + 1).isEmpty()) {
      return StatusPageResult.failed("uptime-kuma: expected a URL like https://host/status/<slug>, got " + statusPageUrl);
    }
    String slug = segments.get(at + 1);
    HttpUrl root = page.newBuilder().encodedPath("/").query(null).fragment(null).build();
    HttpUrl namesUrl = root.newBuilder().addPathSegments("api/status-page").addPathSegment(slug).build();
    HttpUrl beatsUrl = root.newBuilder().addPathSegments("api/status-page/heartbeat").addPathSegment(slug).build();
    try {
      HttpFetch.Fetched names = HttpFetch.get(http, namesUrl.toString());
      if (!names.successful()) {
        return StatusPageResult.failed("uptime-kuma: HTTP " + names.code() + " from " + namesUrl);
      }
      HttpFetch.Fetched beats = HttpFetch.get(http, beatsUrl.toString());
      if (!beats.successful()) {
        return StatusPageResult.failed("uptime-kuma: HTTP " + beats.code() + " from " + beatsUrl);
      }
      return parse(names.body(), beats.body());
    } catch (IOException e) {
      return StatusPageResult.failed("uptime-kuma: " + root + ": " + e);
    }
  }

  static StatusPageResult parse(String namesBody, String heartbeatBody) {
    JsonNode names;
    JsonNode beats;
    try {
      names = JSON.readTree(namesBody);
      beats = JSON.readTree(heartbeatBody);
    } catch (IOException e) {
      return StatusPageResult.failed("uptime-kuma: not JSON: " + HttpFetch.excerpt(heartbeatBody));
    }
    if (beats == null || !beats.path("heartbeatList").isObject()) {
      return StatusPageResult.failed("uptime-kuma: no heartbeatList in " + HttpFetch.excerpt(heartbeatBody));
    }
    Map<String, String> nameById = new HashMap<>();
    if (names != null) {
      for (JsonNode group : names.path("publicGroupList")) {
        for (JsonNode monitor : group.path("monitorList")) {
          nameById.put(monitor.path("id").asText(), monitor.path("name").asText());
        }
      }
    }
    List<ServiceStatus> services = new ArrayList<>();
    beats.path("heartbeatList").fields().forEachRemaining(entry -> {
      String name = nameById.getOrDefault(entry.getKey(), "monitor " + entry.getKey());
      services.add(status(name, entry.getValue()));
    });
    return StatusPageResult.of(services);
  }

  private static ServiceStatus status(String name, JsonNode heartbeats) {
    if (!heartbeats.isArray() || heartbeats.isEmpty()) {
      return new ServiceStatus(name, ServiceState.UNKNOWN, null, "no heartbeats yet");
    }
    JsonNode newest = heartbeats.get(heartbeats.size() - 1);
    Long ping = newest.hasNonNull("ping") ? newest.path("ping").asLong() : null;
    String msg = newest.path("msg").asText("");
    ServiceState state = switch (newest.path("status").asInt(-1)) {
      case 0 -> ServiceState.DOWN;
      case 1 -> ServiceState.UP;
      case 2 -> ServiceState.DEGRADED;
      default -> ServiceState.UNKNOWN;
    };
    String detail = switch (newest.path("status").asInt(-1)) {
      case 2 -> "pending" + (msg.isEmpty() ? "" : ": " + msg);
      case 3 -> "maintenance";
      default -> msg.isEmpty() ? null : msg;
    };
    return new ServiceStatus(name, state, ping, detail);
  }
}
