package rack.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rack.loop.LoopStatus;
import rack.worker.temporal.TemporalConnection;

/** {@code ./rack loops}: the open loops with phase, host, severity, age. */
@Command(name = "loops", description = "List open loops with phase, host, severity and age.")
final class LoopsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print JSON") boolean json;
  @Option(names = "--host", description = "only this host's loops") String host;
  @Option(names = "--phase", description = "only loops in this phase, e.g. AWAITING_PR") String phase;
  @Mixin TemporalOptions temporal;

  @Override
  public Integer call() {
    LoopQuery query = LoopQuery.of(host, phase);
    try (TemporalConnection t = temporal.connect()) {
      List<LoopStatus> loops = new ArrayList<>();
      Loops.Found found = Loops.openLoops(t, query);
      for (String id : found.ids()) {
        try {
          LoopStatus s = Loops.status(t, id);
          if (found.filteredByServer() || query.matches(s)) loops.add(s);
        } catch (RuntimeException e) {
          System.err.println("rack: " + id + ": status unavailable (" + UserError.describe(e) + ")");
        }
      }
      if (json) {
        System.out.println(Json.pretty(loops));
      } else if (loops.isEmpty()) {
        System.out.println("no open loops");
      } else {
        System.out.println(Printer.loopHeader());
        Instant now = Instant.now();
        loops.forEach(l -> System.out.println(Printer.loopRow(l, now)));
      }
    }
    return RackCommand.OK;
  }
}
