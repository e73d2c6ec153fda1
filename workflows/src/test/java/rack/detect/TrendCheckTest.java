package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot.ServiceState;

class TrendCheckTest {
  private static List<Finding> run(double[] percents, FindingKind kind) {
    Checks checks = Checks.withDefaults();
    List<Finding> last = List.of();
    for (int n = 0; n < percents.length; n++) {
      last = Checks.of(checks.next(SnapshotBuilder.host().minutesLater(60L * n).disk("/dev/sda1", "/srv/data", percents[n])), kind);
    }
    return last;
  }

  @Test
  void steadyGrowthNamesTheEtaAndTheRate() {
    // +2 points an hour from 40 %: 60 % at the 11th check, full in 20 h.
    double[] steady = new double[11];
    for (int n = 0; n < steady.length; n++) steady[n] = 40 + 2 * n;
    List<Finding> found = run(steady, FindingKind.DISK_FILLING);
    assertEquals(1, found.size());
    Finding f = found.get(0);
    assertEquals("/srv/data", f.fact("mountPoint"));
    assertEquals("2", f.fact("ratePointsPerHour"));
    assertEquals("2025-01-02T06:00:00Z", f.fact("eta"), "check 10 at +10 h, full 20 h later");
    assertTrue(f.summary().contains("will be full in about 20 h"), f.summary());
    assertEquals(rack.model.Severity.MEDIUM, f.severity());
  }

  @Test
  void growthTooSlowForTheHorizonIsNotAFinding() {
    double[] slow = new double[8];
    for (int n = 0; n < slow.length; n++) slow[n] = 40 + 0.5 * n; // full in ~110 h
    assertEquals(List.of(), run(slow, FindingKind.DISK_FILLING));
  }

  @Test
  void noiseAroundALevelIsNotATrend() {
    Random random = new Random(7);
    double[] noisy = new double[24];
    for (int n = 0; n < noisy.length; n++) noisy[n] = 70 + random.nextGaussian() * 3;
    assertEquals(List.of(), run(noisy, FindingKind.DISK_FILLING));
  }

  @Test
  void aShrinkingDiskIsNotATrend() {
    double[] shrinking = new double[10];
    for (int n = 0; n < shrinking.length; n++) shrinking[n] = 78 - 3 * n;
    assertEquals(List.of(), run(shrinking, FindingKind.DISK_FILLING));
  }

  @Test
  void checksSecondsApartNeverExtrapolate() {
    Checks checks = Checks.withDefaults();
    List<Finding> found = List.of();
    for (int n = 0; n < 6; n++) {
      found = Checks.of(checks.next(SnapshotBuilder.host().at(SnapshotBuilder.T0.plusSeconds(5L * n))
          .disk("/dev/sda1", "/", 30 + 5 * n)), FindingKind.DISK_FILLING);
    }
    assertEquals(List.of(), found);
  }

  @Test
  void hostMemoryClimbingSteadily() {
    Checks checks = Checks.withDefaults();
    List<Finding> found = List.of();
    long total = 8L << 30;
    for (int n = 0; n < 6; n++) {
      double used = 0.60 + 0.05 * n; // +5 points an hour
      found = Checks.of(checks.next(SnapshotBuilder.host().minutesLater(60L * n).memory(total, Math.round(total * (1 - used)))),
          FindingKind.MEMORY_FILLING);
    }
    assertEquals(1, found.size());
    assertTrue(found.get(0).summary().startsWith("host memory will be full in about 3 h"), found.get(0).summary());
  }

  @Test
  void responseTimesDegradingCheckByCheck() {
    Checks checks = Checks.withDefaults();
    List<Finding> found = List.of();
    long[] ms = {40, 44, 50, 55, 61, 66, 72};
    for (int n = 0; n < ms.length; n++) {
      found = Checks.of(checks.next(SnapshotBuilder.host().minutesLater(60L * n).service("api", ServiceState.UP, ms[n])),
          FindingKind.RESPONSE_DEGRADING);
    }
    assertEquals(1, found.size());
    assertTrue(found.get(0).summary().startsWith("api responds slower check by check"), found.get(0).summary());
  }

  @Test
  void fitOfAPerfectLineAndOfAFlatOne() {
    LinearFit line = LinearFit.of(List.of(new double[] {0, 1}, new double[] {1, 3}, new double[] {2, 5}));
    assertEquals(2.0, line.slope(), 1e-12);
    assertEquals(1.0, line.r2(), 1e-12);
    LinearFit flat = LinearFit.of(List.of(new double[] {0, 5}, new double[] {1, 5}, new double[] {2, 5}));
    assertEquals(0.0, flat.slope());
    assertEquals(0.0, flat.r2());
  }
}
