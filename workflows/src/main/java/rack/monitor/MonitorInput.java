package rack.monitor;

import java.time.Duration;
import rack.config.Thresholds;
import rack.detect.Baselines;

/**
 * Input of a host's monitor, also what it carries through continue-as-new.
 *
 * @param checksBeforeContinueAsNew keeps history short: after this many checks the monitor
 *     continues as new with its baselines
 * @param silences maintenance windows from the host's config
 * @param services the host's service-container links from the config (see {@code rack.detect.ServiceLinks})
 * @param openProblems what earlier checks sent to loops: a problem's name ({@code LoopTriggers.names})
 *     to the loop that has it, carried so a later symptom of an open problem still finds its loop
 *     after continue-as-new
 */
public record MonitorInput(
    String host,
    Duration interval,
    Thresholds thresholds,
    Baselines baselines,
    int checksBeforeContinueAsNew,
    java.util.List<rack.config.Silence> silences,
    java.util.Map<String, java.util.List<String>> services,
    java.util.Map<String, String> openProblems) {

  public MonitorInput {
    silences = silences == null ? java.util.List.of() : java.util.List.copyOf(silences);
    services = services == null ? java.util.Map.of() : services;
    openProblems = openProblems == null ? java.util.Map.of() : openProblems;
  }

  public MonitorInput(String host, Duration interval, Thresholds thresholds, Baselines baselines, int checksBeforeContinueAsNew,
      java.util.List<rack.config.Silence> silences) {
    this(host, interval, thresholds, baselines, checksBeforeContinueAsNew, silences, java.util.Map.of(), java.util.Map.of());
  }

  public MonitorInput(String host, Duration interval, Thresholds thresholds, Baselines baselines, int checksBeforeContinueAsNew) {
    this(host, interval, thresholds, baselines, checksBeforeContinueAsNew, java.util.List.of());
  }
}
