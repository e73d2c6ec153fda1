package rack.detect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rack.config.Thresholds;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.DiskUsage;
import rack.model.Severity;

/**
 * Any filesystem above {@code diskPercent} (DISK_FULL: High, Critical from 95 % because writes
 * start failing soon after), or grown by more than {@code diskGrowthPoints} percentage points
 * since the previous check (DISK_GROWTH: Medium, an early warning). Virtual filesystems are
 * skipped ({@link Mounts}).
 */
final class DiskCheck {
  static final double CRITICAL_PERCENT = 95.0;

  private final Thresholds thresholds;

  DiskCheck(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  Map<String, Double> evaluate(HostSnapshot snapshot, Map<String, Double> previous, List<Finding> out) {
    Map<String, Double> usage = new TreeMap<>();
    for (DiskUsage disk : snapshot.disks()) {
      if (disk == null || !Mounts.worthWatching(disk)) continue;
      double percent = disk.usedPercent();
      usage.put(disk.mountPoint(), percent);
      if (percent > thresholds.diskPercent()) {
        out.add(FindingBuilder.of(snapshot.host(), FindingKind.DISK_FULL,
                percent >= CRITICAL_PERCENT ? Severity.CRITICAL : Severity.HIGH, disk.mountPoint())
            .summary("disk " + disk.mountPoint() + " at " + Measured.percent(percent) + " (threshold "
                + Measured.percent(thresholds.diskPercent()) + ")")
            .evidence(dfLine(disk))
            .fact("mountPoint", disk.mountPoint())
            .fact("filesystem", disk.filesystem())
            .measured(Measured.percent(percent), Measured.percent(thresholds.diskPercent()))
            .build());
      }
      Double before = previous.get(disk.mountPoint());
      if (before != null && percent - before > thresholds.diskGrowthPoints()) {
        double growth = percent - before;
        out.add(FindingBuilder.of(snapshot.host(), FindingKind.DISK_GROWTH, Severity.MEDIUM, disk.mountPoint())
            .summary("disk " + disk.mountPoint() + " grew " + Measured.number(growth) + " points since the previous check, "
                + Measured.percent(before) + " to " + Measured.percent(percent) + " (threshold "
                + Measured.number(thresholds.diskGrowthPoints()) + " points)")
            .evidence(dfLine(disk))
            .evidence("previous check: " + Measured.percent(before) + " used")
            .fact("mountPoint", disk.mountPoint())
            .fact("filesystem", disk.filesystem())
            .measured(Measured.number(growth) + " points", Measured.number(thresholds.diskGrowthPoints()) + " points")
            .build());
      }
    }
    return usage;
  }

  private static String dfLine(DiskUsage d) {
    return "df: " + d.filesystem() + " on " + d.mountPoint() + " " + Measured.percent(d.usedPercent()) + " used ("
        + d.usedBytes() + " used, " + d.availableBytes() + " available bytes)";
  }
}
