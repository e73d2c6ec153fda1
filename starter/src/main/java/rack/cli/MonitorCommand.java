package rack.cli;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rack.monitor.HostMonitorWorkflow;
import rack.worker.config.DurationText;
import rack.worker.temporal.TemporalConnection;

/** Talks to a host's running monitor workflow. */
@Command(name = "monitor", description = "Control a host's monitor.",
    subcommands = {MonitorCommand.CheckNow.class, MonitorCommand.Pause.class, MonitorCommand.Resume.class})
final class MonitorCommand {

  static HostMonitorWorkflow monitor(TemporalConnection t, String host) {
    String id = HostMonitorWorkflow.workflowId(host);
    if (!Loops.isOpen(t, id)) {
      Set<String> running = RunningMonitors.list(t).taskQueues().keySet();
      throw new UserError("no running monitor for host '" + host + "' (" + (running.isEmpty()
          ? "none is running: is ./rack dev or ./rack worker running?" : "running: " + String.join(", ", new TreeSet<>(running))) + ")");
    }
    return t.client().newWorkflowStub(HostMonitorWorkflow.class, id);
  }

  @Command(name = "check-now", description = "Signal the monitor to check HOST at once.")
  static final class CheckNow implements Callable<Integer> {
    @Parameters(paramLabel = "HOST") String host;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection t = temporal.connect()) {
        monitor(t, host).checkNow();
        System.out.println("asked monitor-" + host + " to check now");
      }
      return RackCommand.OK;
    }
  }

  @Command(name = "pause", description = "Pause HOST's routine checks (a maintenance window).")
  static final class Pause implements Callable<Integer> {
    @Parameters(paramLabel = "HOST") String host;
    @Option(names = "--for", paramLabel = "DURATION", description = "e.g. 2h; without it until resumed") String forText;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      long minutes = 0;
      if (forText != null) {
        try {
          minutes = Math.max(1, DurationText.parse(forText).toMinutes());
        } catch (IllegalArgumentException e) {
          throw new UserError("--for: " + e.getMessage());
        }
      }
      try (TemporalConnection t = temporal.connect()) {
        monitor(t, host).pause(minutes);
        System.out.println("paused monitor-" + host + (minutes > 0 ? " for " + DurationText.format(Duration.ofMinutes(minutes)) : " until resumed"));
      }
      return RackCommand.OK;
    }
  }

  @Command(name = "resume", description = "Resume HOST's routine checks.")
  static final class Resume implements Callable<Integer> {
    @Parameters(paramLabel = "HOST") String host;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection t = temporal.connect()) {
        monitor(t, host).resume();
        System.out.println("resumed monitor-" + host);
      }
      return RackCommand.OK;
    }
  }
}
