package rack.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import rack.config.HostConfig.StatusPage;
import rack.config.HostConfig.StatusPageKind;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;

class StatusPagesTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofMillis(500)).callTimeout(Duration.ofSeconds(3)).build();
  private final StatusPages pages = new StatusPages(http);

  private static String gatusEndpoint(String name, boolean success, long durationNanos, String failedCondition, String error) {
    String conditions = failedCondition == null
        ? "[{\"condition\":\"[STATUS] == 200\",\"success\":true}]"
        : "[{\"condition\":\"[STATUS] == 200\",\"success\":true},{\"condition\":\"" + failedCondition + "\",\"success\":false}]";
    String errors = error == null ? "[]" : "[\"" + error + "\"]";
    return "{\"name\":\"" + name + "\",\"group\":\"lab\",\"key\":\"lab_" + name + "\",\"results\":["
        + "{\"status\":200,\"duration\":1000000,\"conditionResults\":[],\"success\":true,\"timestamp\":\"2026-11-22T14:00:00Z\"},"
        + "{\"status\":200,\"hostname\":\"127.0.0.1\",\"duration\":" + durationNanos + ",\"errors\":" + errors
        + ",\"conditionResults\":" + conditions + ",\"success\":" + success + ",\"timestamp\":\"2026-11-22T14:01:00Z\"}]}";
  }

  private StatusPageResult gatus(String body, int code) throws Exception {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    StatusPageResult result = pages.read(new StatusPage(server.url("/").toString(), StatusPageKind.GATUS));
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertEquals("/api/v1/endpoints/statuses?page=1&pageSize=100", request.getTarget());
    return result;
  }

  @Test
  void gatusHealthyDownAndDegraded() throws Exception {
    StatusPageResult result = gatus("[" + gatusEndpoint("api", true, 42_000_000, null, null) + ","
        + gatusEndpoint("web", false, 15_000_000, "[STATUS] == 200", "connection refused") + ","
        + gatusEndpoint("worker", false, 900_000_000, "[RESPONSE_TIME] < 500", null) + "]", 200);
    assertNull(result.error());
    assertEquals(List.of(
        new ServiceStatus("lab/api", ServiceState.UP, 42L, null),
        new ServiceStatus("lab/web", ServiceState.DOWN, 15L, "failed: connection refused"),
        new ServiceStatus("lab/worker", ServiceState.DEGRADED, 900L, "failed: [RESPONSE_TIME] < 500")),
        result.services());
  }

  @Test
  void gatusEndpointWithoutResultsIsUnknown() throws Exception {
    StatusPageResult result = gatus("[{\"name\":\"new\",\"results\":[]}]", 200);
    assertEquals(ServiceState.UNKNOWN, result.services().get(0).state());
  }

  @Test
  void gatusServerErrorIsAStatusPageError() throws Exception {
    StatusPageResult result = gatus("oops", 500);
    assertTrue(result.services().isEmpty());
    assertTrue(result.error().contains("HTTP 500"), result.error());
  }

  @Test
  void garbageBodyIsAStatusPageError() throws Exception {
    StatusPageResult result = gatus("<html>\u0000\u0001 not json", 200);
    assertTrue(result.error().startsWith("gatus: not JSON"), result.error());
    StatusPageResult object = gatus("{\"endpoints\":[]}", 200);
    assertTrue(object.error().contains("expected a JSON array"), object.error());
  }

  @Test
  void slowStatusPageTimesOut() {
    server.enqueue(new MockResponse.Builder().body("[]").headersDelay(2, TimeUnit.SECONDS).build());
    long started = System.nanoTime();
    StatusPageResult result = pages.read(new StatusPage(server.url("/").toString(), StatusPageKind.GATUS));
    assertNotNull(result.error());
    assertTrue(result.error().toLowerCase().contains("timeout"), result.error());
    assertTrue(System.nanoTime() - started < 1_900_000_000L, "gave up before the server answered");
  }

  @Test
  void oversizedBodyIsRefused() throws Exception {
    StatusPageResult result = gatus("[" + " ".repeat((int) HttpFetch.MAX_BODY_BYTES) + "]", 200);
    assertTrue(result.error().contains("larger than"), result.error());
  }

  @Test
  void uptimeKuma() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"publicGroupList\":[{\"name\":\"Services\",\"monitorList\":"
        + "[{\"id\":1,\"name\":\"api\"},{\"id\":2,\"name\":\"web\"},{\"id\":3,\"name\":\"db\"},{\"id\":4,\"name\":\"mail\"}]}]}").build());
    server.enqueue(new MockResponse.Builder().body("{\"heartbeatList\":{"
        + "\"1\":[{\"status\":0,\"time\":\"2026-11-22 13:59:00.000\",\"msg\":\"\",\"ping\":40},"
        + "{\"status\":1,\"time\":\"2026-11-22 14:00:00.000\",\"msg\":\"\",\"ping\":42}],"
        + "\"2\":[{\"status\":0,\"time\":\"2026-11-22 14:00:00.000\",\"msg\":\"ECONNREFUSED\",\"ping\":null}],"
        + "\"3\":[{\"status\":2,\"time\":\"2026-11-22 14:00:00.000\",\"msg\":\"timeout\",\"ping\":null}],"
        + "\"4\":[{\"status\":3,\"time\":\"2026-11-22 14:00:00.000\",\"msg\":\"\",\"ping\":null}]},"
        + "\"uptimeList\":{\"1_24\":0.99}}").build());
    StatusPageResult result = pages.read(new StatusPage(server.url("/status/lab").toString(), StatusPageKind.UPTIME_KUMA));
    assertNull(result.error());
    assertEquals(List.of(
        new ServiceStatus("api", ServiceState.UP, 42L, null),
        new ServiceStatus("web", ServiceState.DOWN, null, "ECONNREFUSED"),
        new ServiceStatus("db", ServiceState.DEGRADED, null, "pending: timeout"),
        new ServiceStatus("mail", ServiceState.UNKNOWN, null, "maintenance")), result.services());
    assertEquals("/api/status-page/lab", server.takeRequest().getTarget());
    assertEquals("/api/status-page/heartbeat/lab", server.takeRequest().getTarget());
  }

  @Test
  void uptimeKumaNeedsAStatusPageUrl() {
    StatusPageResult result = pages.read(new StatusPage(server.url("/dashboard").toString(), StatusPageKind.UPTIME_KUMA));
    assertTrue(result.error().contains("/status/<slug>"), result.error());
  }

  @Test
  void healthUrl() {
    server.enqueue(new MockResponse.Builder().code(204).build());
    server.enqueue(new MockResponse.Builder().code(503).body("down").build());
    String url = server.url("/health").toString();
    ServiceStatus up = pages.read(new StatusPage(url, StatusPageKind.HTTP)).services().get(0);
    ServiceStatus down = pages.read(new StatusPage(url, StatusPageKind.HTTP)).services().get(0);
    assertEquals(ServiceState.UP, up.state());
    assertNotNull(up.responseTimeMs());
    assertEquals(new ServiceStatus(url, ServiceState.DOWN, down.responseTimeMs(), "HTTP 503"), down);
  }

  @Test
  void unreachableHealthUrlIsTheServiceDown() throws Exception {
    String url = server.url("/health").toString();
    server.close();
    StatusPageResult result = pages.read(new StatusPage(url, StatusPageKind.HTTP));
    assertNull(result.error());
    assertEquals(ServiceState.DOWN, result.services().get(0).state());
  }

  @Test
  void dozzleReachability() {
    DozzleCheck dozzle = new DozzleCheck(http);
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/login").build());
    server.enqueue(new MockResponse.Builder().code(502).build());
    assertTrue(dozzle.reachable(server.url("/").toString()));
    assertFalse(dozzle.reachable(server.url("/").toString()));
    assertFalse(dozzle.reachable("not a url"));
  }
}
