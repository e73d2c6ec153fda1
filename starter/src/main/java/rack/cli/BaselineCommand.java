package rack.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import rack.detect.AcceptedEntry;
import rack.worker.temporal.TemporalConnection;

/** What a host's monitor accepts because people dismissed it, and how to undo that. */
@Command(name = "baseline", description = "Show or forget what a host's monitor accepts after dismissed loops.",
    subcommands = {BaselineCommand.Show.class, BaselineCommand.Forget.class})
final class BaselineCommand {

  @Command(name = "show", description = "Entries HOST's monitor accepts, with the loop, person and time that taught them.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "HOST") String host;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection t = temporal.connect()) {
        List<AcceptedEntry> accepted = MonitorCommand.monitor(t, host).baselines().accepted();
        if (accepted.isEmpty()) System.out.println("monitor-" + host + " accepts nothing beyond its first check");
        for (AcceptedEntry e : accepted) {
          System.out.println(e.loopId() + "  " + e.kind() + "  " + e.key().replace('\t', ' ').strip() + "  (dismissed by " + e.by()
              + " at " + java.time.Instant.ofEpochMilli(e.atMillis()) + ")");
        }
      }
      return RackCommand.OK;
    }
  }

  @Command(name = "forget", description = "Undo a dismissal: HOST's monitor flags again what LOOP_ID taught it (or 'all').")
  static final class Forget implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST") String host;
    @Parameters(index = "1", paramLabel = "LOOP_ID|all") String loopId;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection t = temporal.connect()) {
        var monitor = MonitorCommand.monitor(t, host);
        boolean known = "all".equals(loopId) || monitor.baselines().accepted().stream().anyMatch(e -> e.loopId().equals(loopId));
        if (!known) throw new UserError("monitor-" + host + " accepts nothing from loop '" + loopId + "' (see ./rack baseline show " + host + ")");
        monitor.forget(loopId);
        System.out.println("monitor-" + host + " forgets what " + loopId + " taught it; the next check flags it again");
      }
      return RackCommand.OK;
    }
  }
}
