package rack.cli;

import picocli.CommandLine.Mixin;
import rack.config.RackConfig;
import rack.config.TemporalSettings;
import rack.worker.temporal.TemporalConnection;
import rack.worker.temporal.TemporalUnavailableException;

/** How CLI verbs that talk to a running rack find Temporal: config file, then environment. */
public final class TemporalOptions {
  @Mixin ConfigOption config;

  TemporalConnection connect() {
    RackConfig c = config.loadOrNull();
    TemporalSettings settings = c != null ? c.temporal() : TemporalSettings.defaults();
    try {
      return TemporalConnection.connect(settings, System.getenv());
    } catch (TemporalUnavailableException e) {
      throw new UserError(e.getMessage());
    }
  }

  String taskQueue() {
    RackConfig c = config.loadOrNull();
    return c != null ? c.temporal().taskQueue() : TemporalSettings.DEFAULT_TASK_QUEUE;
  }
}
