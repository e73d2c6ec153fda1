package rack.worker.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each sender's payload, from fixtures shaped field for field like the senders' own code writes them. */
class AlertPayloadsTest {
  static byte[] fixture(String name) {
    try (InputStream in = AlertPayloadsTest.class.getResourceAsStream("/alerts/" + name)) {
      if (in == null) throw new IllegalStateException("no fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void gatusTriggeredFromTheReadmeTemplate() throws Exception {
    ReceivedAlert alert = GatusAlert.parse(fixture("gatus-triggered.json"), Map.of());
    assertTrue(alert.firing());
    assertEquals("shop/api", alert.service());
    assertEquals("healthcheck failed 3 times in a row", alert.summary());
    assertEquals(List.of("shop", "api", "shop/api", "127.0.0.1"), alert.names());
  }

  @Test
  void gatusResolved() throws Exception {
    assertFalse(GatusAlert.parse(fixture("gatus-resolved.json"), Map.of()).firing());
  }

  @Test
  void gatusValuesThatOlderReleasesDidNotEscapeAreReadLeniently() throws Exception {
    ReceivedAlert alert = GatusAlert.parse(fixture("gatus-unescaped.txt"), Map.of());
    assertTrue(alert.firing());
    assertEquals("shop/api", alert.service());
    assertEquals("body did not contain \"ok\" status code was 502", alert.summary(), "raw quote kept, newline folded");
    assertTrue(alert.names().contains("staging.example.com"));
  }

  @Test
  void gatusRenamedStateWordsAndQueryParameters() throws Exception {
    byte[] body = "{\"name\": \"web\", \"state\": \"operational\"}".getBytes(StandardCharsets.UTF_8);
    assertFalse(GatusAlert.parse(body, Map.of()).firing(), "placeholders: RESOLVED renamed to operational");
    ReceivedAlert fromUrl = GatusAlert.parse(new byte[0], Map.of("endpoint", "web", "status", "TRIGGERED"));
    assertEquals("web", fromUrl.service());
    assertTrue(fromUrl.firing());
    ReceivedAlert plain = GatusAlert.parse("api is RESOLVED".getBytes(StandardCharsets.UTF_8), Map.of());
    assertFalse(plain.firing());
  }

  @Test
  void gatusLeftoverPlaceholdersAreNotNames() throws Exception {
    byte[] body = "{\"endpoint_name\": \"api\", \"endpoint_group\": \"[ENDPOINT_GROUP]\", \"status\": \"TRIGGERED\"}"
        .getBytes(StandardCharsets.UTF_8);
    ReceivedAlert alert = GatusAlert.parse(body, Map.of());
    assertEquals("api", alert.service());
    assertEquals(List.of("api"), alert.names());
  }

  @Test
  void gatusWithNothingRecognisableIsMalformed() {
    assertThrows(MalformedAlertException.class,
        () -> GatusAlert.parse("hello".getBytes(StandardCharsets.UTF_8), Map.of()));
  }

  @Test
  void uptimeKumaDownAndUp() throws Exception {
    ReceivedAlert down = UptimeKumaAlert.parse(fixture("uptime-kuma-down.json"), "application/json").orElseThrow();
    assertTrue(down.firing());
    assertEquals("Shop API", down.service());
    assertEquals("connect ECONNREFUSED 10.0.4.12:8080", down.summary());
    assertEquals(List.of("Shop API", "Staging / Shop API", "staging.example.com"), down.names());
    ReceivedAlert up = UptimeKumaAlert.parse(fixture("uptime-kuma-up.json"), "application/json").orElseThrow();
    assertFalse(up.firing());
  }

  @Test
  void uptimeKumaTestNotificationHasNoHeartbeat() throws Exception {
    assertEquals(Optional.empty(), UptimeKumaAlert.parse(fixture("uptime-kuma-test.json"), "application/json"));
  }

  @Test
  void uptimeKumaFormDataCarriesTheJsonInData() throws Exception {
    String boundary = "--------------------------588143817250226916466710";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n"
        + new String(fixture("uptime-kuma-down.json"), StandardCharsets.UTF_8).strip() + "\r\n--" + boundary + "--\r\n";
    ReceivedAlert alert = UptimeKumaAlert.parse(body.getBytes(StandardCharsets.UTF_8),
        "multipart/form-data; boundary=" + boundary).orElseThrow();
    assertEquals("Shop API", alert.service());
    assertTrue(alert.firing());
  }

  @Test
  void uptimeKumaMaintenanceIsNothingToCheck() throws Exception {
    byte[] body = "{\"heartbeat\":{\"status\":3,\"msg\":\"\"},\"monitor\":{\"name\":\"api\"},\"msg\":\"\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(Optional.empty(), UptimeKumaAlert.parse(body, "application/json"));
  }

  @Test
  void uptimeKumaGarbageIsMalformed() {
    assertThrows(MalformedAlertException.class,
        () -> UptimeKumaAlert.parse("{not json".getBytes(StandardCharsets.UTF_8), "application/json"));
    assertThrows(MalformedAlertException.class,
        () -> UptimeKumaAlert.parse("x".getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=abc"));
  }

  @Test
  void alertmanagerGroupIsOneAlertPerMember() throws Exception {
    List<ReceivedAlert> alerts = AlertmanagerAlerts.parse(fixture("alertmanager-firing.json"));
    assertEquals(2, alerts.size());
    ReceivedAlert api = alerts.get(0);
    assertTrue(api.firing());
    assertEquals("shop-api-1", api.service());
    assertEquals("container shop-api-1 is not running", api.summary());
    assertTrue(api.names().containsAll(List.of("staging.example.com:9100", "staging.example.com", "cadvisor")));
    assertNotEquals(api.deliveryKey(), alerts.get(1).deliveryKey());
  }

  @Test
  void alertmanagerResolvedIsNotADuplicateOfItsFiring() throws Exception {
    ReceivedAlert firing = AlertmanagerAlerts.parse(fixture("alertmanager-firing.json")).get(0);
    ReceivedAlert resolved = AlertmanagerAlerts.parse(fixture("alertmanager-resolved.json")).get(0);
    assertFalse(resolved.firing());
    assertNotEquals(firing.deliveryKey(), resolved.deliveryKey());
    assertTrue(resolved.deliveryKey().contains("5a1f4c6e2b3d9e01|2026-12-01T22:39:07.123Z"));
  }

  @Test
  void alertmanagerOtherVersionsAndShapesAreMalformed() {
    assertThrows(MalformedAlertException.class,
        () -> AlertmanagerAlerts.parse("{\"version\":\"3\",\"alerts\":[]}".getBytes(StandardCharsets.UTF_8)));
    assertThrows(MalformedAlertException.class,
        () -> AlertmanagerAlerts.parse("{\"version\":\"4\"}".getBytes(StandardCharsets.UTF_8)));
    assertThrows(MalformedAlertException.class, () -> AlertmanagerAlerts.parse(new byte[] {(byte) 0xff, 0}));
  }

  @Test
  void instanceWithoutPort() {
    assertEquals("10.0.0.5", AlertmanagerAlerts.withoutPort("10.0.0.5:9100"));
    assertEquals("::1", AlertmanagerAlerts.withoutPort("[::1]:9100"));
    assertEquals("fe80::1", AlertmanagerAlerts.withoutPort("fe80::1"));
    assertEquals("staging", AlertmanagerAlerts.withoutPort("staging"));
  }

  @Test
  void senderTextIsOneBoundedLine() {
    ReceivedAlert alert = new ReceivedAlert(AlertSource.GATUS, "api\u001b[31m\nx", true, List.of(), "y".repeat(5000), null);
    assertEquals("api [31m x", alert.service());
    assertEquals(ReceivedAlert.MAX_TEXT + 3, alert.summary().length());
  }
}
