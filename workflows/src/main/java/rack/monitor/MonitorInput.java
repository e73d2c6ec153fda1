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
 */
public record MonitorInput(
    String host,
    Duration interval,
    Thresholds thresholds,
    Baselines baselines,
    int checksBeforeContinueAsNew,
    java.util.List<rack.config.Silence> silences) {

  public MonitorInput {
    silences = silences == null ? java.util.List.of() : java.util.List.copyOf(silences);
  }

  public MonitorInput(String host, Duration interval, Thresholds thresholds, Baselines baselines, int checksBeforeContinueAsNew) {
    this(host, interval, thresholds, baselines, checksBeforeContinueAsNew, java.util.List.of());
  }
}
