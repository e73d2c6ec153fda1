package rack.cli;

import java.util.List;
import java.util.TreeSet;
import rack.config.RackConfig;
import rack.config.TemporalSettings;

/**
 * The hosts a command that talks to a running rack may name: those the rack monitors (learnt from
 * Temporal), then those of a config file. Only when neither names a host does the config-less
 * default, this machine, count, as it did before the CLI asked the running rack.
 *
 * @param file the config file the command was given (or ./rack.yaml), null when none
 */
record KnownHosts(RunningMonitors running, RackConfig file) {

  /** Every host a command may name, sorted. */
  List<String> names() {
    TreeSet<String> names = new TreeSet<>(running.taskQueues().keySet());
    if (file != null) file.hosts().forEach(h -> names.add(h.name()));
    if (names.isEmpty()) names.add(LocalHost.NAME);
    return List.copyOf(names);
  }

  /**
   * The config a loop for {@code host} starts with: the file's settings when there is one, else the
   * defaults in dry-run (without the rack's config the CLI does not know its remediation policy, so
   * such a loop plans and asks); and the task queue of the host's monitor when the rack monitors it,
   * so the loop runs on the worker that knows the host.
   */
  RackConfig loopConfig(String host) {
    if (!names().contains(host)) {
      throw new UserError("unknown host '" + host + "' (known: " + String.join(", ", names()) + ")");
    }
    RackConfig base = file != null ? file : RackConfig.localOnly(LocalHost.NAME);
    return running.taskQueue(host)
        .map(queue -> withTaskQueue(base, queue))
        .orElse(base);
  }

  private static RackConfig withTaskQueue(RackConfig c, String queue) {
    TemporalSettings t = c.temporal();
    return new RackConfig(new TemporalSettings(t.address(), t.namespace(), queue), c.people(), c.relay(),
        c.hosts(), c.thresholds(), c.remediation(), c.loops(), c.github(), c.metrics(), c.alerts());
  }
}
