package rack.detect;

import java.util.List;
import rack.config.Thresholds;
import rack.detect.Baselines.HostCpu;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.CpuCounters;
import rack.model.HostSnapshot.LoadInfo;
import rack.model.Severity;

/**
 * Host CPU above {@code hostCpuPercent} for more than {@code hostCpuSustainedChecks} consecutive
 * checks. The percentage is the busy share of the /proc/stat ticks between two checks, i.e. the
 * average over the whole interval, not a momentary spike. Without a previous sample (first check,
 * counters reset by a reboot) it falls back to load1 / cores.
 */
final class HostCpuCheck {
  private final Thresholds thresholds;

  HostCpuCheck(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  HostCpu evaluate(HostSnapshot snapshot, HostCpu previous, List<Finding> out) {
    Measurement m = measure(snapshot.cpu(), previous.lastCounters(), snapshot.load());
    CpuCounters counters = snapshot.cpu() != null ? snapshot.cpu() : previous.lastCounters();
    if (m == null) {
      // Nothing measurable this time: neither evidence of high CPU nor of recovery.
      return new HostCpu(counters, previous.highStreak());
    }
    int streak = m.percent() > thresholds.hostCpuPercent() ? previous.highStreak() + 1 : 0;
    if (streak > thresholds.hostCpuSustainedChecks()) {
      out.add(FindingBuilder.of(snapshot.host(), FindingKind.HOST_CPU, Severity.HIGH, "cpu")
          .summary("host CPU at " + Measured.percent(m.percent()) + " for " + streak + " consecutive checks (threshold "
              + Measured.percent(thresholds.hostCpuPercent()) + " for more than " + thresholds.hostCpuSustainedChecks() + " checks)")
          .evidence("CPU " + Measured.percent(m.percent()) + " from " + m.source())
          .evidence(snapshot.load() == null ? null : "load average " + snapshot.load().load1() + " " + snapshot.load().load5()
              + " " + snapshot.load().load15() + " on " + snapshot.load().cores() + " cores")
          .fact("consecutiveChecks", streak)
          .measured(Measured.percent(m.percent()), Measured.percent(thresholds.hostCpuPercent()))
          .build());
    }
    return new HostCpu(counters, streak);
  }

  record Measurement(double percent, String source) {}

  static Measurement measure(CpuCounters now, CpuCounters before, LoadInfo load) {
    if (now != null && before != null) {
      long total = now.totalTicks() - before.totalTicks();
      long busy = now.busyTicks() - before.busyTicks();
      if (total > 0 && busy >= 0 && busy <= total) {
        return new Measurement(100.0 * busy / total, "/proc/stat since the previous check");
      }
    }
    if (load != null && load.cores() > 0 && load.load1() >= 0) {
      // Load counts runnable tasks, so it can exceed the core count; a share above 100 % is not a percentage.
      return new Measurement(Math.min(100.0, 100.0 * load.load1() / load.cores()), "load1 / cores (no earlier CPU sample)");
    }
    return null;
  }
}
