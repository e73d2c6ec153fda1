package rack.worker.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.worker.alerts.AlertPayloadsTest.fixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rack.config.AlertSettings.Route;
import rack.model.AlertNotice;

/** Real HTTP requests to the real receiver; Temporal replaced by a recorder of what would be signaled. */
class AlertReceiverTest {
  private static final String SECRET = "alert-test-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> checks = new CopyOnWriteArrayList<>();
  private final List<String> resolved = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AlertSecret secret = new AlertSecret(SECRET.getBytes(StandardCharsets.UTF_8));
  private AlertServer server;

  @BeforeEach
  void start() throws Exception {
    AlertSignaler recorder = new AlertSignaler() {
      @Override
      public boolean checkNow(String host, AlertNotice notice) {
        if (host.equals("nomonitor")) return false;
        checks.add(host + " " + notice.describe());
        return true;
      }

      @Override
      public List<String> recordResolved(String host, AlertNotice notice) {
        resolved.add(host + " " + notice.describe());
        return List.of("incident-" + host + "-service-down-api");
      }
    };
    AlertRouter router = new AlertRouter(List.of("staging", "nomonitor"),
        List.of(new Route("staging", List.of("shop", "staging.example.com"))));
    server = AlertServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new AlertReceiver(secret, router, recorder));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRequest.Builder post(String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> bearer(String path, byte[] body) throws Exception {
    return send(post(path, body).header("Authorization", "Bearer " + SECRET));
  }

  @Test
  void gatusTriggeredAsksForACheck() throws Exception {
    HttpResponse<String> response = bearer("/alerts/gatus", fixture("gatus-triggered.json"));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(List.of("staging gatus: shop/api TRIGGERED (healthcheck failed 3 times in a row)"), checks);
    assertEquals("staging", JSON.readTree(response.body()).path("checks").get(0).asText());
  }

  @Test
  void gatusResolvedIsRecordedOnTheLoopNotACheck() throws Exception {
    HttpResponse<String> response = bearer("/alerts/gatus", fixture("gatus-resolved.json"));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(List.of(), checks);
    assertEquals(1, resolved.size());
    assertEquals("incident-staging-service-down-api", JSON.readTree(response.body()).path("recordedOn").get(0).asText());
  }

  @Test
  void gatusUnescapedBodyStillWorks() throws Exception {
    assertEquals(200, bearer("/alerts/gatus", fixture("gatus-unescaped.txt")).statusCode());
    assertEquals(1, checks.size());
  }

  @Test
  void eachWayOfShowingTheSecretIsAccepted() throws Exception {
    byte[] body = fixture("gatus-triggered.json");
    assertEquals(200, send(post("/alerts/gatus", body).header("X-Rack-Token", SECRET)).statusCode());
    assertEquals(200, send(post("/alerts/gatus", body).header("X-Rack-Signature-256", secret.sign(body))).statusCode());
    assertEquals(200, send(post("/alerts/gatus", body).header("Authorization", "bearer " + SECRET + " ")).statusCode());
    assertEquals(3, checks.size());
  }

  @Test
  void aBadOrMissingSecretIs401AndSignalsNothing() throws Exception {
    byte[] body = fixture("alertmanager-firing.json");
    assertEquals(401, send(post("/alerts/alertmanager", body)).statusCode());
    assertEquals(401, send(post("/alerts/alertmanager", body).header("Authorization", "Bearer " + SECRET + "x")).statusCode());
    assertEquals(401, send(post("/alerts/alertmanager", body).header("Authorization", "Basic " + SECRET)).statusCode());
    assertEquals(401, send(post("/alerts/alertmanager", body).header("X-Rack-Token", "")).statusCode());
    assertEquals(401, send(post("/alerts/alertmanager", body).header("X-Rack-Signature-256", secret.sign("other".getBytes()))).statusCode());
    assertEquals(401, send(post("/alerts/alertmanager", body).header("X-Rack-Signature-256", "sha256=zz")).statusCode());
    assertEquals(List.of(), checks);
    assertEquals(List.of(), resolved);
  }

  @Test
  void anUnknownHostIs202() throws Exception {
    byte[] body = "{\"endpoint_name\": \"api\", \"endpoint_group\": \"other-team\", \"status\": \"TRIGGERED\"}"
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = bearer("/alerts/gatus", body);
    assertEquals(202, response.statusCode());
    assertEquals(1, JSON.readTree(response.body()).path("unknownHost").asInt());
    assertEquals(List.of(), checks);
    assertEquals(202, bearer("/alerts/gatus?host=elsewhere", fixture("gatus-triggered.json")).statusCode());
  }

  @Test
  void aHostWithoutMonitorIs202() throws Exception {
    assertEquals(202, bearer("/alerts/gatus?host=nomonitor", fixture("gatus-triggered.json")).statusCode());
  }

  @Test
  void oversizedIs413EvenWhenTheLengthIsNotDeclared() throws Exception {
    byte[] huge = new byte[AlertReceiver.MAX_PAYLOAD_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    // Chunked (no Content-Length): the receiver counts while reading, before it checks the secret.
    HttpResponse<String> streamed = send(post("/alerts/gatus", huge).header("Authorization", "Bearer " + SECRET)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))));
    assertEquals(413, streamed.statusCode());
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /alerts/gatus HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SECRET
          + "\r\nContent-Length: " + 10 * AlertReceiver.MAX_PAYLOAD_BYTES + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoTimeout(5_000);
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", status, "answered without reading the declared body");
    }
    assertEquals(List.of(), checks);
  }

  @Test
  void malformedIs400() throws Exception {
    assertEquals(400, bearer("/alerts/alertmanager", "{".getBytes()).statusCode());
    assertEquals(400, bearer("/alerts/gatus", "hello".getBytes()).statusCode());
    assertEquals(400, bearer("/alerts/uptime-kuma", "[]".getBytes()).statusCode());
  }

  @Test
  void wrongPathOrMethod() throws Exception {
    assertEquals(404, bearer("/alerts/nagios", fixture("gatus-triggered.json")).statusCode());
    HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/alerts/gatus"))
        .header("Authorization", "Bearer " + SECRET).GET());
    assertEquals(405, get.statusCode());
    assertTrue(get.body().contains("method: POST"), get.body());
  }

  @Test
  void uptimeKumaJsonFormDataAndTest() throws Exception {
    assertEquals(200, bearer("/alerts/uptime-kuma?host=staging", fixture("uptime-kuma-down.json")).statusCode());
    String boundary = "--------------------------905191404154484336407510";
    byte[] form = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n"
        + new String(fixture("uptime-kuma-down.json"), StandardCharsets.UTF_8).strip() + "\r\n--" + boundary + "--\r\n")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> viaForm = send(post("/alerts/uptime-kuma", form)
        .setHeader("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-Rack-Token", SECRET));
    assertEquals(200, viaForm.statusCode(), viaForm.body());
    assertEquals(List.of("staging uptime-kuma: Shop API TRIGGERED (connect ECONNREFUSED 10.0.4.12:8080)",
        "staging uptime-kuma: Shop API TRIGGERED (connect ECONNREFUSED 10.0.4.12:8080)"), checks);
    HttpResponse<String> test = bearer("/alerts/uptime-kuma", fixture("uptime-kuma-test.json"));
    assertEquals(200, test.statusCode());
    assertTrue(JSON.readTree(test.body()).path("test").asBoolean());
    assertEquals(2, checks.size(), "a test notification checks nothing");
  }

  @Test
  void alertmanagerGroupIsOneCheckAndRedeliveryIsIgnored() throws Exception {
    HttpResponse<String> first = bearer("/alerts/alertmanager", fixture("alertmanager-firing.json"));
    assertEquals(200, first.statusCode(), first.body());
    assertEquals(1, checks.size(), "two alerts about one host: one check");
    HttpResponse<String> again = bearer("/alerts/alertmanager", fixture("alertmanager-firing.json"));
    assertEquals(202, again.statusCode());
    JsonNode body = JSON.readTree(again.body());
    assertEquals(2, body.path("duplicates").asInt());
    assertEquals(1, checks.size());
    assertEquals(200, bearer("/alerts/alertmanager", fixture("alertmanager-resolved.json")).statusCode());
    assertEquals(1, resolved.size());
    assertEquals(202, bearer("/alerts/alertmanager", fixture("alertmanager-resolved.json")).statusCode());
    assertEquals(1, resolved.size(), "the resolved notification redelivered by an HA peer");
  }
}
