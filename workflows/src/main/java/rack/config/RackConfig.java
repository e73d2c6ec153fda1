package rack.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole {@code rack.yaml} (DESIGN B4), already validated and with defaults filled in. Loaded by
 * the worker's {@code ConfigLoader}; file paths are absolute by then. Plain data: parts of it
 * (thresholds, loop settings) travel into workflows as inputs, but never a secret, only the path of
 * the file that holds it.
 */
public record RackConfig(
    TemporalSettings temporal,
    People people,
    RelaySettings relay,
    List<HostConfig> hosts,
    Thresholds thresholds,
    RemediationPolicy remediation,
    LoopSettings loops,
    GithubSettings github,
    MetricsSettings metrics,
    AlertSettings alerts) {

  public RackConfig {
    temporal = temporal == null ? TemporalSettings.defaults() : temporal;
    people = people == null ? People.defaults() : people;
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
    remediation = remediation == null ? RemediationPolicy.defaults() : remediation;
    loops = loops == null ? LoopSettings.defaults() : loops;
  }

  /** Without push triggers (kept so configs built in code need not name every section). */
  public RackConfig(TemporalSettings temporal, People people, RelaySettings relay, List<HostConfig> hosts,
      Thresholds thresholds, RemediationPolicy remediation, LoopSettings loops, GithubSettings github,
      MetricsSettings metrics) {
    this(temporal, people, relay, hosts, thresholds, remediation, loops, github, metrics, null);
  }

  public Optional<HostConfig> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /**
   * Config with only the local machine, used by {@code ./rack dev} when no file is given. In dry-run:
   * whoever runs rack without a config is trying it out on their own machine (or a test suite is),
   * and a process rack finds suspicious there is planned against and asked about, never killed
   * unasked ({@code ./rack loop approve} still runs the plan).
   */
  public static RackConfig localOnly(String hostName) {
    RemediationPolicy planOnly = new RemediationPolicy(null, null, null, true, 5, false);
    return new RackConfig(null, null, null, List.of(HostConfig.local(hostName)), null, planOnly, null, null, null);
  }
}
