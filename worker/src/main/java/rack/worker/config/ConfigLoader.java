package rack.worker.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import rack.config.HostConfig;
import rack.config.HostConfig.StatusPageKind;
import rack.config.RackConfig;
import rack.config.Thresholds;

/**
 * Reads {@code rack.yaml} into a {@link RackConfig}: unknown fields, wrong types, missing files and
 * impossible values each become one {@link ConfigException} line naming the field. Relative paths
 * are resolved against the config file's folder.
 */
public final class ConfigLoader {
  private final ObjectMapper yaml = newMapper();

  public RackConfig load(Path file) throws ConfigException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(name + ": config file not found");
    }
    JsonNode root;
    try {
      root = yaml.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": not valid YAML: " + firstLine(e.getOriginalMessage()) + location(e));
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(name + ": the file is empty (see rack.example.yaml)");
    }
    if (!root.isObject()) {
      throw new ConfigException(name + ": expected a mapping at the top level (see rack.example.yaml)");
    }
    mergeThresholdDefaults((ObjectNode) root);
    RackConfig raw;
    try {
      raw = yaml.treeToValue(root, RackConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(name + ": " + path(e) + ": unknown field (known: "
          + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")");
    } catch (JsonMappingException e) {
      throw new ConfigException(name + ": " + path(e) + ": " + firstLine(problem(e)));
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": " + firstLine(e.getOriginalMessage()));
    }
    return new ConfigValidator(name, file.toAbsolutePath().getParent()).validate(raw);
  }

  /** Thresholds are primitives: fields the user leaves out keep their seed defaults. */
  private void mergeThresholdDefaults(ObjectNode root) {
    JsonNode given = root.get("thresholds");
    ObjectNode merged = yaml.valueToTree(Thresholds.defaults());
    if (given != null && given.isObject()) {
      merged.setAll((ObjectNode) given);
      root.set("thresholds", merged);
    } else if (given == null || given.isNull()) {
      root.set("thresholds", merged);
    }
  }

  private static ObjectMapper newMapper() {
    SimpleModule module = new SimpleModule("rack-config");
    module.addDeserializer(Duration.class, new JsonDeserializer<>() {
      @Override
      public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        try {
          return DurationText.parse(p.getValueAsString());
        } catch (IllegalArgumentException e) {
          throw JsonMappingException.from(p, e.getMessage());
        }
      }
    });
    module.addDeserializer(StatusPageKind.class, new JsonDeserializer<>() {
      @Override
      public StatusPageKind deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String v = p.getValueAsString("").trim().toLowerCase().replace('_', '-');
        return switch (v) {
          case "gatus" -> StatusPageKind.GATUS;
          case "uptime-kuma", "kuma" -> StatusPageKind.UPTIME_KUMA;
          case "http" -> StatusPageKind.HTTP;
          default -> throw JsonMappingException.from(p, "'" + v + "' is not a status page kind (gatus, uptime-kuma or http)");
        };
      }
    });
    return new ObjectMapper(new YAMLFactory())
        .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
        .registerModule(module)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);
  }

  /** {@code hosts[0].ssh.port} from Jackson's reference chain. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }

  /** Jackson's messages name Java types; people want to know what value was expected. */
  private static String problem(JsonMappingException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) return "invalid value";
    if (msg.contains("Cannot deserialize value of type `int`") || msg.contains("type `long`")) {
      return "expected a whole number";
    }
    if (msg.contains("type `double`")) return "expected a number";
    if (msg.contains("type `boolean`")) return "expected true or false";
    if (msg.contains("java.util.ArrayList") || msg.contains("java.util.List")) return "expected a list";
    if (msg.contains("from Array value")) return "expected a single value, not a list";
    if (msg.contains("Cannot construct instance") || msg.contains("from String value")) {
      return "expected a mapping of fields, got a plain value";
    }
    return msg;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Checks what types alone cannot: required fields, files that must exist, sane numbers. */
  static final class ConfigValidator {
    private final String file;
    private final Path base;

    ConfigValidator(String file, Path base) {
      this.file = file;
      this.base = base;
    }

    RackConfig validate(RackConfig c) throws ConfigException {
      if (c.hosts().isEmpty()) {
        throw fail("hosts", "at least one host is required");
      }
      List<HostConfig> hosts = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < c.hosts().size(); i++) {
        HostConfig h = c.hosts().get(i);
        String at = "hosts[" + i + "]";
        if (h == null) throw fail(at, "empty host entry");
        if (h.name() == null || !h.name().matches("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$")) {
          throw fail(at + ".name", "required; letters, digits, '.', '_' or '-' (got " + quoted(h.name()) + ")");
        }
        if (seen.contains(h.name())) throw fail(at + ".name", "duplicate host name '" + h.name() + "'");
        seen.add(h.name());
        hosts.add(validateHost(at, h));
      }
      var relay = c.relay();
      if (relay != null) {
        requireHttpUrl("relay.url", relay.url());
        relay = new rack.config.RelaySettings(relay.url(), existingFile("relay.secretFile", relay.secretFile()), relay.from());
      }
      var github = c.github();
      if (github != null) {
        if (github.port() <= 0 || github.port() > 65535) throw fail("github.port", "must be 1-65535");
        github = new rack.config.GithubSettings(github.port(), existingFile("github.secretFile", github.secretFile()));
      }
      var alerts = validateAlerts(c.alerts(), github, seen);
      if (c.metrics() != null && (c.metrics().port() < 0 || c.metrics().port() > 65535)) {
        throw fail("metrics.port", "must be 0-65535");
      }
      validateThresholds(c.thresholds());
      if (c.loops().stabilization().compareTo(c.loops().verifyEvery()) < 0) {
        throw fail("loops.verifyEvery", "must not be longer than loops.stabilization");
      }
      for (String action : c.remediation().allowedActions()) {
        if (!rack.config.RemediationPolicy.ALL_ACTIONS.contains(action)) {
          throw fail("remediation.allowedActions", "unknown action '" + action + "' (known: "
              + String.join(", ", rack.config.RemediationPolicy.ALL_ACTIONS) + ")");
        }
      }
      return new RackConfig(c.temporal(), c.people(), relay, hosts, c.thresholds(), c.remediation(), c.loops(), github, c.metrics(), alerts);
    }

    /** Push triggers need a secret, a port (their own or the GitHub receiver's) and routes to known hosts. */
    private rack.config.AlertSettings validateAlerts(rack.config.AlertSettings a, rack.config.GithubSettings github,
        List<String> hosts) throws ConfigException {
      if (a == null) return null;
      if (a.port() < 0 || a.port() > 65535) throw fail("alerts.port", "must be 1-65535 (or 0: the github receiver's port)");
      if (a.port() == 0 && github == null) throw fail("alerts.port", "required when there is no github section to share a port with");
      for (int i = 0; i < a.routes().size(); i++) {
        rack.config.AlertSettings.Route r = a.routes().get(i);
        String at = "alerts.routes[" + i + "]";
        if (r == null) throw fail(at, "empty route");
        if (!hosts.contains(r.host())) throw fail(at + ".host", "not a configured host: " + quoted(r.host()) + " (hosts: " + String.join(", ", hosts) + ")");
        if (r.match().isEmpty() || r.match().stream().anyMatch(m -> m == null || m.isBlank())) {
          throw fail(at + ".match", "required: names (or patterns with *) that mean this host");
        }
      }
      return new rack.config.AlertSettings(a.port(), existingFile("alerts.secretFile", a.secretFile()), a.routes());
    }

    private HostConfig validateHost(String at, HostConfig h) throws ConfigException {
      HostConfig.SshSettings ssh = h.ssh();
      if (h.local() && ssh != null) throw fail(at, "give either 'local: true' or an 'ssh' section, not both");
      if (!h.local()) {
        if (ssh == null) throw fail(at + ".ssh", "required unless 'local: true'");
        if (ssh.host() == null || ssh.host().isBlank()) throw fail(at + ".ssh.host", "required");
        if (ssh.port() < 1 || ssh.port() > 65535) throw fail(at + ".ssh.port", "must be 1-65535");
        if (ssh.knownHostsFile() == null) {
          throw fail(at + ".ssh.knownHostsFile", "required: rack checks host keys strictly and never trusts an unknown key");
        }
        if (ssh.keyFile() == null) throw fail(at + ".ssh.keyFile", "required (private key for key authentication)");
        ssh = new HostConfig.SshSettings(ssh.host(), ssh.port(), ssh.user(),
            existingFile(at + ".ssh.keyFile", ssh.keyFile()),
            existingFile(at + ".ssh.knownHostsFile", ssh.knownHostsFile()));
      }
      HostConfig.StatusPage page = h.statusPage();
      if (page != null) {
        requireHttpUrl(at + ".statusPage.url", page.url());
        HostConfig.StatusPageKind kind = page.kind() != null ? page.kind()
            : page.url().matches(".*/status/[^/]+/?$") ? HostConfig.StatusPageKind.UPTIME_KUMA : HostConfig.StatusPageKind.HTTP;
        page = new HostConfig.StatusPage(page.url(), kind);
      }
      if (h.dozzleUrl() != null) requireHttpUrl(at + ".dozzleUrl", h.dozzleUrl());
      if (h.interval().compareTo(Duration.ofSeconds(1)) < 0) throw fail(at + ".interval", "must be at least 1s");
      for (int i = 0; i < h.silences().size(); i++) {
        rack.config.Silence w = h.silences().get(i);
        String field = at + ".silences[" + i + "]";
        if (w.until() == null) throw fail(field + ".until", "required: a silence must end (ISO time, e.g. 2026-12-01T06:00:00Z)");
        if (w.from() != null && !w.from().isBefore(w.until())) throw fail(field, "'from' must be before 'until'");
        for (String kind : w.kinds()) {
          if (java.util.Arrays.stream(rack.model.FindingKind.values()).noneMatch(k -> k.slug().equals(kind))) {
            throw fail(field + ".kinds", "unknown finding kind '" + kind + "' (e.g. disk-full, service-down, container-down)");
          }
        }
      }
      validateServices(at + ".services", h.services());
      return new HostConfig(h.name(), h.local(), ssh, page, h.dozzleUrl(), h.interval(), h.silences(), h.services());
    }

    /**
     * Service links name containers (or Compose services, or other keys): the names must be ones
     * Docker accepts, since the loop restarts what they resolve to (C7's container name rule).
     */
    private void validateServices(String at, java.util.Map<String, List<String>> services) throws ConfigException {
      for (var entry : services.entrySet()) {
        String service = entry.getKey();
        String field = at + "." + (service.matches("[A-Za-z0-9_.-]+") ? service : "\"" + service + "\"");
        if (service.isBlank()) throw fail(at, "a service name must not be empty");
        if (entry.getValue().isEmpty()) throw fail(field, "required: the container or Compose service names that serve it");
        for (String container : entry.getValue()) {
          if (container == null || !container.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw fail(field, "not a container or Compose service name: " + quoted(container)
                + " (letters, digits, '_', '.', '-'; e.g. shop-orders-1 or orders)");
          }
        }
      }
    }

    private void validateThresholds(Thresholds t) throws ConfigException {
      percent("thresholds.hostCpuPercent", t.hostCpuPercent());
      percent("thresholds.containerMemoryPercent", t.containerMemoryPercent());
      percent("thresholds.diskPercent", t.diskPercent());
      percent("thresholds.diskGrowthPoints", t.diskGrowthPoints());
      if (t.hostCpuSustainedChecks() < 1) throw fail("thresholds.hostCpuSustainedChecks", "must be at least 1");
      if (t.restartsPerHour() < 0) throw fail("thresholds.restartsPerHour", "must not be negative");
      if (t.responseTimeFactor() <= 1.0) throw fail("thresholds.responseTimeFactor", "must be above 1");
      if (t.containerCpuPercent() <= 0) throw fail("thresholds.containerCpuPercent", "must be above 0 (% of one core; may exceed 100)");
      if (t.containerCpuSustainedChecks() < 1) throw fail("thresholds.containerCpuSustainedChecks", "must be at least 1");
      if (t.errorLogFloor() < 0) throw fail("thresholds.errorLogFloor", "must not be negative");
      if (t.errorLogFactor() < 1.0) throw fail("thresholds.errorLogFactor", "must be at least 1");
      if (t.fillHorizonHours() <= 0) throw fail("thresholds.fillHorizonHours", "must be above 0");
    }

    private void percent(String field, double v) throws ConfigException {
      if (v < 0 || v > 100) throw fail(field, "must be a percentage 0-100 (got " + v + ")");
    }

    private void requireHttpUrl(String field, String url) throws ConfigException {
      if (url == null || !url.matches("^https?://[^\\s/]+.*$")) {
        throw fail(field, "expected an http:// or https:// URL (got " + quoted(url) + ")");
      }
    }

    private String existingFile(String field, String path) throws ConfigException {
      if (path == null || path.isBlank()) throw fail(field, "required");
      Path p = base.resolve(path).normalize();
      if (!Files.isRegularFile(p)) throw fail(field, "file not found: " + p);
      if (!Files.isReadable(p)) throw fail(field, "file not readable: " + p);
      return p.toString();
    }

    private ConfigException fail(String field, String problem) {
      return new ConfigException(file + ": " + field + ": " + problem);
    }

    private static String quoted(String s) {
      return s == null ? "nothing" : "'" + s + "'";
    }
  }
}
