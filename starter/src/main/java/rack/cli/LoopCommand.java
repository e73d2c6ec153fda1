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
@Command(name = "loop", description = "Start a loop by hand, show one, print its post-mortem, or decide for one that waits.",
    subcommands = {LoopCommand.Start.class, LoopCommand.Show.class, LoopCommand.Report.class, LoopCommand.Approve.class,
        LoopCommand.Dismiss.class})
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
      FindingKind findingKind = loopKind == LoopKind.INCIDENT ? FindingKind.MANUAL_INCIDENT : FindingKind.MANUAL_ANOMALY;
      Finding finding = new Finding(host, findingKind, severity, summary, summary,
          List.of("started by hand with ./rack loop start"), Map.of());
      try (TemporalConnection t = temporal.connect()) {
        // The running rack knows its hosts: no need to pass it its config file again.
        RackConfig config = new KnownHosts(RunningMonitors.list(t), temporal.config.loadOrNull()).loopConfig(host);
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

  /** Who decides: the login name (a CLI user is whoever runs it; the timeline shows it). */
  static String whoAmI(String given) {
    if (given != null && !given.isBlank()) return given.strip();
    String user = System.getenv("SUDO_USER");
    if (user == null || user.isBlank()) user = System.getProperty("user.name", "someone");
    return user;
  }

  /**
   * Sends a decision as a Temporal update, so a loop that is not waiting for one refuses it before
   * anything is recorded, and the refusal comes back as one line.
   */
  static void decide(TemporalConnection t, String loopId, rack.loop.Decision decision) {
    LoopStatus status = Loops.status(t, loopId);
    if (!Loops.isOpen(t, loopId)) throw new UserError("loop '" + loopId + "' has already ended (" + status.phase() + ")");
    if (status.phase() != rack.loop.Phase.AWAITING_DECISION) {
      throw new UserError("loop '" + loopId + "' is not awaiting a decision (phase " + status.phase() + ")");
    }
    rack.loop.LoopWorkflow loop = t.client().newWorkflowStub(rack.loop.LoopWorkflow.class, loopId);
    try {
      System.out.println(decision.approved() ? loop.approve(decision) : loop.dismiss(decision));
    } catch (io.temporal.client.WorkflowUpdateException e) {
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      throw new UserError("loop '" + loopId + "' refused the decision: " + root.getMessage());
    }
  }

  @Command(name = "approve", description = "Let a loop that awaits a decision run the actions it would not run alone.")
  static final class Approve implements Callable<Integer> {
    @Parameters(paramLabel = "LOOP_ID") String loopId;
    @Option(names = "--note", paramLabel = "TEXT", description = "why, for the timeline and the post-mortem") String note;
    @Option(names = "--by", paramLabel = "NAME", description = "who decides (default: your login name)") String by;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection t = temporal.connect()) {
        decide(t, loopId, rack.loop.Decision.approve(whoAmI(by), note));
      }
      return RackCommand.OK;
    }
  }

  @Command(name = "dismiss", description = "Resolve a loop that awaits a decision as a false positive; the host's baseline accepts it.")
  static final class Dismiss implements Callable<Integer> {
    @Parameters(paramLabel = "LOOP_ID") String loopId;
    @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason;
    @Option(names = "--by", paramLabel = "NAME", description = "who decides (default: your login name)") String by;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      if (reason.isBlank()) throw new UserError("--reason must say why this is a false positive");
      try (TemporalConnection t = temporal.connect()) {
        decide(t, loopId, rack.loop.Decision.dismiss(whoAmI(by), reason));
      }
      return RackCommand.OK;
    }
  }
}
