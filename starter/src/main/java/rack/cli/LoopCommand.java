package rack.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rack.config.RackConfig;
import rack.loop.LoopLauncherImpl;
import rack.loop.LoopStatus;
import rack.loop.PostMortem;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.LoopKind;
import rack.model.Severity;
import rack.worker.temporal.TemporalConnection;

/** Manual loops and a loop's details. */
@Command(name = "loop", description = "Start a loop by hand, show one, or print its post-mortem.",
    subcommands = {LoopCommand.Start.class, LoopCommand.Show.class, LoopCommand.Report.class})
final class LoopCommand {

  @Command(name = "start", description = "Start a loop by hand: rack loop start incident|anomaly --host HOST --summary TEXT")
  static final class Start implements Callable<Integer> {
    @Parameters(paramLabel = "incident|anomaly") String kind;
    @Option(names = "--host", required = true) String host;
    @Option(names = "--summary", required = true) String summary;
    @Option(names = "--severity", defaultValue = "HIGH", description = "CRITICAL, HIGH, MEDIUM or LOW") Severity severity;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      LoopKind loopKind;
      try {
        loopKind = LoopKind.fromId(kind);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      RackConfig config = temporal.config.loadOrNull();
      if (config == null) config = RackConfig.localOnly(LocalHost.NAME);
      if (config.host(host).isEmpty()) throw new UserError("unknown host '" + host + "'");
      FindingKind findingKind = loopKind == LoopKind.INCIDENT ? FindingKind.MANUAL_INCIDENT : FindingKind.MANUAL_ANOMALY;
      Finding finding = new Finding(host, findingKind, severity, summary, summary,
          List.of("started by hand with ./rack loop start"), Map.of());
      try (TemporalConnection t = temporal.connect()) {
        var launch = new LoopLauncherImpl(t.client(), config).startOrFeed(new rack.loop.LoopLauncher.Request(finding, List.of(), null));
        System.out.println((launch.started() ? "started " : "already running: ") + launch.loopId());
      }
      return RackCommand.OK;
    }
  }

  @Command(name = "show", description = "Status, timeline and report of a loop.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "LOOP_ID") String loopId;
    @Option(names = "--json") boolean json;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection t = temporal.connect()) {
        LoopStatus status = Loops.status(t, loopId);
        System.out.print(json ? Json.pretty(status) + "\n" : Printer.loop(status));
      }
      return RackCommand.OK;
    }
  }

  @Command(name = "report", description = "The loop's post-mortem in markdown.")
  static final class Report implements Callable<Integer> {
    @Parameters(paramLabel = "LOOP_ID") String loopId;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection t = temporal.connect()) {
        System.out.println(PostMortem.render(Loops.status(t, loopId)));
      }
      return RackCommand.OK;
    }
  }
}
