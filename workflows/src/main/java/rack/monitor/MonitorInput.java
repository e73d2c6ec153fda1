package rack.monitor;

import java.time.Duration;
import rack.config.Thresholds;
import rack.detect.Baselines;

/**
 * Input of a host's monitor, also what it carries through continue-as-new.
 *
 * @param checksBeforeContinueAsNew keeps history short: after this many checks the monitor
 *     continues as new with its baselines
 */
public record MonitorInput(
    String host,
    Duration interval,
    Thresholds thresholds,
    Baselines baselines,
    int checksBeforeContinueAsNew) {}
