package rack.detect;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import rack.config.Thresholds;
import rack.detect.Baselines.ContainerCpu;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerCpuReading;
import rack.model.Severity;

/**
 * A container above {@code containerCpuPercent} of one core for more than {@code
 * containerCpuSustainedChecks} consecutive checks: the host-CPU rule, per container. The share is
 * the cgroup's CPU time over wall time between this check's counter and the previous check's, so
 * it is the average over the interval, as {@code docker stats} computes it over its own short
 * sample. Without a usable previous counter (first check, a restart reset the counter) it uses the
 * two reads the probe took a moment apart in this check.
 */
final class ContainerCpuCheck {
  private final Thresholds thresholds;

  ContainerCpuCheck(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  Map<String, ContainerCpu> evaluate(HostSnapshot snapshot, Map<String, ContainerCpu> previous, List<Finding> out) {
    Map<String, ContainerCpu> next = new TreeMap<>();
    for (ContainerCpuReading r : snapshot.containerCpu()) {
      if (r == null || r.container() == null) continue;
      ContainerCpu before = previous.get(r.container());
      OptionalDouble percent = percent(r, before);
      int streak = before == null ? 0 : before.highStreak();
      if (percent.isPresent()) streak = percent.getAsDouble() > thresholds.containerCpuPercent() ? streak + 1 : 0;
      boolean later = r.laterUsageNanos() != null && r.laterAtNanos() != null;
      next.put(r.container(), new ContainerCpu(later ? r.laterUsageNanos() : r.usageNanos(), later ? r.laterAtNanos() : r.atNanos(), streak));
      if (streak > thresholds.containerCpuSustainedChecks()) {
        double p = percent.getAsDouble();
        out.add(FindingBuilder.of(snapshot.host(), FindingKind.CONTAINER_CPU, Severity.HIGH, r.container())
            .summary("container " + r.container() + " at " + Measured.percent(p) + " of a CPU core for " + streak
                + " consecutive checks (threshold " + Measured.percent(thresholds.containerCpuPercent())
                + " for more than " + thresholds.containerCpuSustainedChecks() + " checks)")
            .evidence("cgroup CPU time of " + r.container() + ": " + Measured.percent(p) + " of one core "
                + (before != null && usable(r, before) ? "since the previous check" : "over this check"))
            .fact("container", r.container())
            .fact("consecutiveChecks", streak)
            .measured(Measured.percent(p), Measured.percent(thresholds.containerCpuPercent()))
            .build());
      }
    }
    // Containers not running now have no reading: forgotten, so a restarted one starts afresh.
    return next;
  }

  /** % of one core: between checks when the counters allow, else between this check's two reads. */
  static OptionalDouble percent(ContainerCpuReading r, ContainerCpu before) {
    if (before != null && usable(r, before)) {
      return OptionalDouble.of(100.0 * (r.usageNanos() - before.usageNanos()) / (r.atNanos() - before.atNanos()));
    }
    if (r.laterUsageNanos() != null && r.laterAtNanos() != null && r.laterAtNanos() > r.atNanos()
        && r.laterUsageNanos() >= r.usageNanos()) {
      return OptionalDouble.of(100.0 * (r.laterUsageNanos() - r.usageNanos()) / (r.laterAtNanos() - r.atNanos()));
    }
    return OptionalDouble.empty();
  }

  /** A counter that went down was reset (container recreated, host rebooted: the clock too). */
  private static boolean usable(ContainerCpuReading r, ContainerCpu before) {
    return r.atNanos() > before.atNanos() && r.usageNanos() >= before.usageNanos();
  }
}
