package rack.config;

import java.time.Duration;

/**
 * One monitored host: reached over SSH, or {@code local: true} for the machine rack runs on.
 *
 * @param interval time between routine checks (default 1 h)
 * @param silences maintenance windows: findings recorded, no loop started
 * @param services which containers serve each status-page service, when names alone do not tell:
 *     a service name (with or without its status-page group, e.g. {@code staging/orders} or
 *     {@code Orders API}) to container names or Compose service names, or to another key of this
 *     map ({@code "Orders API": [orders]}, {@code orders: [shop-orders-1]}). See {@code rack.detect.ServiceLinks}.
 */
public record HostConfig(
    String name,
    boolean local,
    SshSettings ssh,
    StatusPage statusPage,
    String dozzleUrl,
    Duration interval,
    java.util.List<Silence> silences,
    java.util.Map<String, java.util.List<String>> services) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

  public HostConfig {
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    silences = silences == null ? java.util.List.of() : java.util.List.copyOf(silences);
    services = services == null ? java.util.Map.of() : copyOf(services);
  }

  public HostConfig(String name, boolean local, SshSettings ssh, StatusPage statusPage, String dozzleUrl, Duration interval,
      java.util.List<Silence> silences) {
    this(name, local, ssh, statusPage, dozzleUrl, interval, silences, java.util.Map.of());
  }

  /** Keeps the file's order (it is shown to people); blank entries stay for the config loader to name. */
  private static java.util.Map<String, java.util.List<String>> copyOf(java.util.Map<String, java.util.List<String>> map) {
    java.util.Map<String, java.util.List<String>> copy = new java.util.LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, v == null ? java.util.List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(v))));
    return java.util.Collections.unmodifiableMap(copy);
  }

  public HostConfig(String name, boolean local, SshSettings ssh, StatusPage statusPage, String dozzleUrl, Duration interval) {
    this(name, local, ssh, statusPage, dozzleUrl, interval, java.util.List.of());
  }

  public static HostConfig local(String name) {
    return new HostConfig(name, true, null, null, null, null);
  }

  /** SSH connection details. Paths are absolute after loading. */
  public record SshSettings(String host, int port, String user, String keyFile, String knownHostsFile) {
    public SshSettings {
      port = port == 0 ? 22 : port;
      user = user == null || user.isBlank() ? "root" : user;
    }
  }

  /** A status page: Gatus, Uptime Kuma, or a plain health URL that answers 2xx when healthy. */
  public record StatusPage(String url, StatusPageKind kind) {}

  public enum StatusPageKind {
    GATUS,
    UPTIME_KUMA,
    HTTP
  }
}
