package rack.config;

import java.time.Duration;

/**
 * One monitored host: reached over SSH, or {@code local: true} for the machine rack runs on.
 *
 * @param interval time between routine checks (default 1 h)
 * @param silences maintenance windows: findings recorded, no loop started
 */
public record HostConfig(
    String name,
    boolean local,
    SshSettings ssh,
    StatusPage statusPage,
    String dozzleUrl,
    Duration interval,
    java.util.List<Silence> silences) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

  public HostConfig {
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    silences = silences == null ? java.util.List.of() : java.util.List.copyOf(silences);
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
