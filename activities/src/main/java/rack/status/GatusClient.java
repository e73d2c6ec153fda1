package rack.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;

/**
 * Gatus (DESIGN C5): {@code /api/v1/endpoints/statuses}. Each endpoint's newest result decides:
 * success → UP; failed only on {@code [RESPONSE_TIME]} conditions → DEGRADED (Gatus has no such
 * state: the service answers, just slowly); any other failure → DOWN; no results → UNKNOWN.
 */
public final class GatusClient {
  static final int PAGE_SIZE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OkHttpClient http;

  public GatusClient(OkHttpClient http) {
    this.http = http;
  }

  public StatusPageResult fetch(String baseUrl) {
    HttpUrl base = HttpUrl.parse(baseUrl);
    if (base == null) {
      return StatusPageResult.failed("gatus: not a URL: " + baseUrl);
    }
    HttpUrl url = base.newBuilder().addPathSegments("api/v1/endpoints/statuses")
        .setQueryParameter("page", "1").setQueryParameter("pageSize", Integer.toString(PAGE_SIZE)).build();
    try {
      HttpFetch.Fetched response = HttpFetch.get(http, url.toString());
      if (!response.successful()) {
        return StatusPageResult.failed("gatus: HTTP " + response.code() + " from " + url);
      }
      return parse(response.body());
    } catch (IOException e) {
      return StatusPageResult.failed("gatus: " + url + ": " + e);
    }
  }

  static StatusPageResult parse(String body) {
    JsonNode endpoints;
    try {
      endpoints = JSON.readTree(body);
    } catch (IOException e) {
      return StatusPageResult.failed("gatus: not JSON: " + HttpFetch.excerpt(body));
    }
    if (endpoints == null || !endpoints.isArray()) {
      return StatusPageResult.failed("gatus: expected a JSON array of endpoints: " + HttpFetch.excerpt(body));
    }
    List<ServiceStatus> services = new ArrayList<>();
    for (JsonNode endpoint : endpoints) {
      String name = endpoint.path("name").asText("?");
      String group = endpoint.path("group").asText("");
      services.add(status(group.isEmpty() ? name : group + "/" + name, endpoint.path("results")));
    }
    return StatusPageResult.of(services);
  }

  private static ServiceStatus status(String name, JsonNode results) {
    if (!results.isArray() || results.isEmpty()) {
      return new ServiceStatus(name, ServiceState.UNKNOWN, null, "no results yet");
    }
    JsonNode newest = results.get(results.size() - 1);
    Long millis = newest.hasNonNull("duration") ? newest.path("duration").asLong() / 1_000_000 : null;
    if (newest.path("success").asBoolean(false)) {
      return new ServiceStatus(name, ServiceState.UP, millis, null);
    }
    List<String> failed = new ArrayList<>();
    boolean onlySlow = true;
    for (JsonNode condition : newest.path("conditionResults")) {
      if (!condition.path("success").asBoolean(true)) {
        String text = condition.path("condition").asText("");
        failed.add(text);
        onlySlow &= text.contains("[RESPONSE_TIME]");
      }
    }
    List<String> errors = new ArrayList<>();
    newest.path("errors").forEach(error -> errors.add(error.asText()));
    boolean degraded = onlySlow && !failed.isEmpty() && errors.isEmpty();
    String detail = String.join("; ", errors.isEmpty() ? failed : errors);
    return new ServiceStatus(name, degraded ? ServiceState.DEGRADED : ServiceState.DOWN, millis,
        detail.isEmpty() ? "check failed" : "failed: " + detail);
  }
}
