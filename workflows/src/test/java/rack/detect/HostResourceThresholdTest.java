package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.detect.SnapshotBuilder.host;

import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.Severity;

class HostResourceThresholdTest {

  /** Each check adds 1000 ticks, {@code busy} of them busy: exactly busy/10 percent. */
  private static SnapshotBuilder cpuCheck(int n, long busyPerInterval) {
    return host().minutesLater(60L * n).cpu(n * busyPerInterval, n * 1000L);
  }

  @Test
  void cpuAboveThresholdMustLastMoreThanTwoChecks() {
    Checks checks = Checks.withDefaults();
    checks.next(cpuCheck(0, 900).load(0.1, 4)); // first check: load fallback, 2.5 %
    assertTrue(checks.next(cpuCheck(1, 900)).healthy()); // 90 %, 1st
    assertTrue(checks.next(cpuCheck(2, 900)).healthy()); // 2nd
    Finding f = Checks.only(checks.next(cpuCheck(3, 900)), FindingKind.HOST_CPU); // 3rd: more than 2
    assertEquals("host CPU at 90% for 3 consecutive checks (threshold 80% for more than 2 checks)", f.summary());
    assertEquals(Severity.HIGH, f.severity());
    assertEquals(1, Checks.of(checks.next(cpuCheck(4, 900)), FindingKind.HOST_CPU).size());
  }

  @Test
  void exactlyAtThresholdDoesNotCountAndADipResetsTheStreak() {
    Checks checks = Checks.withDefaults();
    checks.next(cpuCheck(0, 800));
    for (int n = 1; n <= 4; n++) assertTrue(checks.next(cpuCheck(n, 800)).healthy(), "80 % is not above 80 %");
    Checks dips = Checks.withDefaults();
    dips.next(cpuCheck(0, 900));
    dips.next(cpuCheck(1, 900));
    dips.next(cpuCheck(2, 900));
    assertEquals(2, dips.baselines().cpu().highStreak());
    // Interval 3 is 50 % busy: counters grow 500 busy ticks.
    assertTrue(dips.next(host().minutesLater(180).cpu(2 * 900 + 500, 3000)).healthy());
    assertEquals(0, dips.baselines().cpu().highStreak());
  }

  @Test
  void firstCheckFallsBackToLoadPerCore() {
    Checks checks = Checks.withDefaults();
    checks.next(host().load(3.5, 4)); // 87.5 %
    checks.next(host().load(3.5, 4));
    assertEquals(1, Checks.of(checks.next(host().load(3.5, 4)), FindingKind.HOST_CPU).size());
    assertEquals(3, checks.baselines().cpu().highStreak());
  }

  @Test
  void unmeasurableCheckKeepsTheStreakAndCounterResetFallsBack() {
    Checks checks = Checks.withDefaults();
    checks.next(cpuCheck(0, 900));
    checks.next(cpuCheck(1, 900));
    checks.next(host().minutesLater(120)); // no counters, no load
    assertEquals(1, checks.baselines().cpu().highStreak());
    // Reboot: counters went down, so fall back to load (low): streak resets.
    assertTrue(checks.next(host().minutesLater(180).cpu(10, 100).load(0.2, 4)).healthy());
    assertEquals(0, checks.baselines().cpu().highStreak());
  }

  @Test
  void diskAtThresholdIsFineAboveIsFull() {
    assertTrue(Checks.withDefaults().next(host().disk("/dev/sda1", "/", 80.0)).healthy());
    Finding f = Checks.only(Checks.withDefaults().next(host().disk("/dev/loop0", "/srv/data", 91.0)), FindingKind.DISK_FULL);
    assertEquals("disk /srv/data at 91% (threshold 80%)", f.summary());
    assertEquals(Severity.HIGH, f.severity());
    assertEquals("/srv/data", f.fact("mountPoint"));
    assertEquals(Severity.CRITICAL, Checks.only(Checks.withDefaults().next(host().disk("/dev/sda1", "/", 96.0)), FindingKind.DISK_FULL).severity());
  }

  @Test
  void diskGrowthAboveFivePointsBetweenTwoChecks() {
    Checks checks = Checks.withDefaults();
    checks.next(host().disk("/dev/sda1", "/", 40.0));
    assertTrue(checks.next(host().disk("/dev/sda1", "/", 45.0)).healthy(), "exactly 5 points");
    Finding f = Checks.only(checks.next(host().disk("/dev/sda1", "/", 51.0)), FindingKind.DISK_GROWTH);
    assertEquals("disk / grew 6 points since the previous check, 45% to 51% (threshold 5 points)", f.summary());
    assertEquals(Severity.MEDIUM, f.severity());
    assertTrue(checks.next(host().disk("/dev/sda1", "/", 52.0)).healthy());
  }

  @Test
  void pseudoFilesystemsAreIgnoredButDataTmpfsIsKept() {
    Evaluation e = Checks.withDefaults().next(host()
        .disk("tmpfs", "/dev/shm", 99)
        .disk("tmpfs", "/run", 99)
        .disk("devtmpfs", "/dev", 99)
        .disk("overlay", "/var/lib/docker/overlay2/abc/merged", 99)
        .disk("/dev/loop3", "/snap/core/123", 100)
        .disk("tmpfs", "/tmp", 99)
        .disk("tmpfs", "/srv/data", 99)
        .disk("tmpfs", "/mnt/scratch", 90));
    assertEquals(2, e.findings().size(), e.findings().toString());
    assertEquals("/srv/data", e.findings().get(0).subject()); // Critical (99 %) sorts first
    assertEquals("/mnt/scratch", e.findings().get(1).subject());
  }
}
