package rack.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.config.HostConfig;
import rack.config.RackConfig;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("key"), "not really a key");
    Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:2222 ssh-ed25519 AAAA\n");
    Files.writeString(dir.resolve("relay.secret"), "s3cret\n");
  }

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("rack.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static final String VALID = """
      relay: {url: http://127.0.0.1:8082/relay, secretFile: relay.secret}
      hosts:
        - name: lab
          ssh: {host: 127.0.0.1, port: 2222, keyFile: key, knownHostsFile: known_hosts}
          statusPage: {url: http://127.0.0.1:8081, kind: gatus}
          interval: 15m
        - name: me
          local: true
      thresholds: {diskPercent: 90}
      loops: {settle: 5s, stabilization: 1m}
      """;

  @Test
  void validFileGetsDefaultsAndAbsolutePaths() throws Exception {
    RackConfig c = loader.load(write(VALID));
    HostConfig lab = c.host("lab").orElseThrow();
    assertEquals(Duration.ofMinutes(15), lab.interval());
    assertEquals(dir.resolve("known_hosts").toString(), lab.ssh().knownHostsFile());
    assertEquals("root", lab.ssh().user());
    assertEquals(HostConfig.StatusPageKind.GATUS, lab.statusPage().kind());
    assertTrue(c.host("me").orElseThrow().local());
    assertEquals(Duration.ofHours(1), c.host("me").orElseThrow().interval());
    assertEquals(90.0, c.thresholds().diskPercent());
    assertEquals(85.0, c.thresholds().containerMemoryPercent(), "unset thresholds keep their defaults");
    assertEquals(Duration.ofSeconds(5), c.loops().settle());
    assertEquals(Duration.ofSeconds(10), c.loops().verifyEvery(), "a sixth of the stabilization window");
    assertEquals(3, c.loops().restartCap());
    assertEquals("rack", c.relay().from());
    assertEquals("rack", c.temporal().taskQueue());
  }

  private String error(String yaml) throws IOException {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(write(yaml)));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(dir.resolve("rack.yaml").toString()), e.getMessage());
    return e.getMessage();
  }

  @Test
  void eachMistakeNamesItsField() throws Exception {
    assertTrue(error("hosts: [").contains("not valid YAML"));
    assertTrue(error("").contains("empty"));
    assertTrue(error("hosts: []").contains("hosts: at least one host"));
    assertTrue(error(VALID.replace("port: 2222", "port: many")).contains("hosts[0].ssh.port: expected a whole number"));
    assertTrue(error(VALID.replace("interval: 15m", "interval: soon")).contains("hosts[0].interval: 'soon' is not a duration"));
    assertTrue(error(VALID.replace("kind: gatus", "kind: nagios")).contains("hosts[0].statusPage.kind"));
    assertTrue(error(VALID.replace("knownHostsFile: known_hosts", "knownHostsFile: nope")).contains("hosts[0].ssh.knownHostsFile: file not found"));
    assertTrue(error(VALID.replace(", knownHostsFile: known_hosts", "")).contains("never trusts an unknown key"));
    assertTrue(error(VALID.replace("name: me", "name: lab")).contains("duplicate host name"));
    assertTrue(error(VALID.replace("name: me", "name: 'a b'")).contains("hosts[1].name"));
    assertTrue(error(VALID + "colour: blue\n").contains("colour: unknown field"));
    assertTrue(error(VALID.replace("diskPercent: 90", "diskPercent: 190")).contains("thresholds.diskPercent"));
    assertTrue(error(VALID.replace("diskPercent: 90", "errorLogFactor: 0.5")).contains("thresholds.errorLogFactor"));
    assertTrue(error(VALID.replace("diskPercent: 90", "fillHorizonHours: 0")).contains("thresholds.fillHorizonHours"));
    assertTrue(error(VALID.replace("http://127.0.0.1:8082/relay", "relay.example")).contains("relay.url"));
    assertTrue(error(VALID.replace("local: true", "local: true\n    ssh: {host: x}")).contains("hosts[1]: give either"));
    assertTrue(error(VALID.replace("local: true", "local: true\n    silences: [{kinds: [disk-full]}]")).contains("hosts[1].silences[0].until: required"));
    assertTrue(error(VALID.replace("local: true", "local: true\n    silences: [{kinds: [nap], until: 2030-01-01T00:00:00Z}]")).contains("unknown finding kind 'nap'"));
    assertTrue(error(VALID.replace("interval: 15m", "interval: 15m\n    services: {\"Orders API\": [\"shop orders; reboot\"]}"))
        .contains("hosts[0].services.\"Orders API\": not a container or Compose service name: 'shop orders; reboot'"));
    assertTrue(error(VALID.replace("interval: 15m", "interval: 15m\n    services: {orders: []}"))
        .contains("hosts[0].services.orders: required"));
    assertTrue(error(VALID.replace("interval: 15m", "interval: 15m\n    services: [orders]")).contains("hosts[0].services"));
  }

  @Test
  void serviceLinksMapStatusPageNamesToContainersOrOtherKeys() throws Exception {
    RackConfig c = loader.load(write(VALID.replace("interval: 15m",
        "interval: 15m\n    services: {\"Orders API\": [orders], orders: shop-orders-1, staging/web: [shop-web-1, shop-web-2]}")));
    var services = c.host("lab").orElseThrow().services();
    assertEquals(List.of("orders"), services.get("Orders API"));
    assertEquals(List.of("shop-orders-1"), services.get("orders"), "one name may stand alone");
    assertEquals(List.of("shop-web-1", "shop-web-2"), services.get("staging/web"));
    assertEquals(java.util.Map.of(), c.host("me").orElseThrow().services());
  }

  @Test
  void alertsShareTheGithubPortOrNameTheirOwn() throws Exception {
    Files.writeString(dir.resolve("alerts.secret"), "a\n");
    Files.writeString(dir.resolve("gh.secret"), "g\n");
    RackConfig shared = loader.load(write(VALID + "github: {port: 8787, secretFile: gh.secret}\n"
        + "alerts:\n  secretFile: alerts.secret\n  routes: [{host: lab, match: [shop, '*.staging.example.com']}]\n"));
    assertEquals(0, shared.alerts().port());
    assertEquals(dir.resolve("alerts.secret").toString(), shared.alerts().secretFile());
    assertEquals(List.of("shop", "*.staging.example.com"), shared.alerts().routes().get(0).match());
    assertEquals(9999, loader.load(write(VALID + "alerts: {port: 9999, secretFile: alerts.secret}\n")).alerts().port());
    assertEquals(null, loader.load(write(VALID)).alerts());
  }

  @Test
  void alertMistakesNameTheirField() throws Exception {
    Files.writeString(dir.resolve("alerts.secret"), "a\n");
    assertTrue(error(VALID + "alerts: {secretFile: alerts.secret}\n").contains("alerts.port: required when there is no github"));
    assertTrue(error(VALID + "alerts: {port: 9999}\n").contains("alerts.secretFile: required"));
    assertTrue(error(VALID + "alerts: {port: 9999, secretFile: nope}\n").contains("alerts.secretFile: file not found"));
    assertTrue(error(VALID + "alerts: {port: 9999, secretFile: alerts.secret, routes: [{host: prod, match: [x]}]}\n")
        .contains("alerts.routes[0].host: not a configured host: 'prod'"));
    assertTrue(error(VALID + "alerts: {port: 9999, secretFile: alerts.secret, routes: [{host: lab}]}\n")
        .contains("alerts.routes[0].match: required"));
  }

  @Test
  void missingFileIsOneLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("absent.yaml")));
    assertTrue(e.getMessage().endsWith("config file not found"));
  }

  @Test
  void theExampleConfigLoads() throws Exception {
    Path example = Path.of("..", "rack.example.yaml").toAbsolutePath().normalize();
    Path copy = dir.resolve("example.yaml");
    Files.copy(example, copy);
    Files.createDirectories(dir.resolve("secrets"));
    for (String f : new String[] {"relay.secret", "id_ed25519", "known_hosts", "github-webhook.secret", "alerts.secret"}) {
      Files.writeString(dir.resolve("secrets").resolve(f), "x");
    }
    RackConfig c = loader.load(copy);
    assertEquals(2, c.hosts().size());
    assertEquals(HostConfig.StatusPageKind.GATUS, c.host("staging").orElseThrow().statusPage().kind());
    assertEquals(List.of("disk-full", "disk-growth"), c.host("staging").orElseThrow().silences().get(0).kinds());
    assertEquals(List.of("orders"), c.host("staging").orElseThrow().services().get("Orders API"));
  }

  @Test
  void theLabConfigStillLoads() throws Exception {
    Path lab = Path.of("..", "lab", "rack.yaml").toAbsolutePath().normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(lab), "no lab/rack.yaml in this checkout");
    Path copy = dir.resolve("lab.yaml");
    Files.copy(lab, copy);
    // The files lab/up generates, as empty stand-ins.
    Files.createDirectories(dir.resolve(".work"));
    for (String f : new String[] {"relay.secret", "client_key", "known_hosts", "github.secret", "alerts.secret"}) {
      Files.writeString(dir.resolve(".work").resolve(f), "x");
    }
    assertFalse(loader.load(copy).hosts().isEmpty());
  }

  @Test
  void durationsReadLikePeopleWriteThem() {
    assertEquals(Duration.ofSeconds(90), DurationText.parse("90s"));
    assertEquals(Duration.ofHours(2), DurationText.parse("2h"));
    assertEquals(Duration.ofHours(1), DurationText.parse("PT1H"));
    assertEquals("1h", DurationText.format(Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class, () -> DurationText.parse("-5m"));
  }
}
