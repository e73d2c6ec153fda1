package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot.ContainerCpuReading;

class ContainerCpuCheckTest {
  private static final long HOUR_NS = 3_600_000_000_000L;

  /** Check n, an hour apart: the container burned {@code share} of a core over each hour. */
  private static SnapshotBuilder check(int n, double share) {
    long at = n * HOUR_NS;
    return SnapshotBuilder.host().minutesLater(60L * n)
        .containerCpu(new ContainerCpuReading("shop-api-1", Math.round(share * at), at, null, null));
  }

  @Test
  void pinnedContainerIsAFindingAfterTheThirdCheckNamingIt() {
    Checks checks = Checks.withDefaults();
    // First check: one read only, nothing to compare: no percentage, no streak.
    assertEquals(List.of(), Checks.of(checks.next(check(0, 1.0)), FindingKind.CONTAINER_CPU));
    assertEquals(List.of(), Checks.of(checks.next(check(1, 1.0)), FindingKind.CONTAINER_CPU));
    assertEquals(List.of(), Checks.of(checks.next(check(2, 1.0)), FindingKind.CONTAINER_CPU));
    List<Finding> found = Checks.of(checks.next(check(3, 1.0)), FindingKind.CONTAINER_CPU);
    assertEquals(1, found.size());
    assertEquals("shop-api-1", found.get(0).fact("container"));
    assertTrue(found.get(0).summary().contains("shop-api-1 at 100% of a CPU core for 3 consecutive checks"), found.get(0).summary());
  }

  @Test
  void twoReadsInOneCheckCountFromTheFirstCheck() {
    Checks checks = Checks.withDefaults();
    for (int n = 0; n < 3; n++) {
      long at = n * HOUR_NS;
      // 200 ms apart, 190 ms of CPU: 95 % of a core, before any previous check exists.
      SnapshotBuilder s = SnapshotBuilder.host().minutesLater(60L * n).containerCpu(
          new ContainerCpuReading("web", Math.round(0.95 * at), at, Math.round(0.95 * at) + 190_000_000L, at + 200_000_000L));
      List<Finding> found = Checks.of(checks.next(s), FindingKind.CONTAINER_CPU);
      assertEquals(n == 2 ? 1 : 0, found.size(), "check " + (n + 1));
    }
  }

  @Test
  void busyButUnderTheThresholdOrNotSustainedIsHealthy() {
    Checks checks = Checks.withDefaults();
    double[] shares = {0.5, 0.79, 0.95, 0.95, 0.2, 0.95, 0.95};
    for (int n = 0; n < shares.length; n++) {
      long at = n * HOUR_NS;
      long usage = 0;
      for (int i = 1; i <= n; i++) usage += Math.round(shares[i] * HOUR_NS);
      SnapshotBuilder s = SnapshotBuilder.host().minutesLater(60L * n).containerCpu(new ContainerCpuReading("api", usage, at, null, null));
      assertEquals(List.of(), Checks.of(checks.next(s), FindingKind.CONTAINER_CPU), "check " + n);
    }
  }

  @Test
  void aResetCounterFallsBackToTheInCheckPair() {
    ContainerCpuReading restarted = new ContainerCpuReading("api", 5_000_000L, 2 * HOUR_NS, 45_000_000L, 2 * HOUR_NS + 100_000_000L);
    OptionalDouble p = ContainerCpuCheck.percent(restarted, new Baselines.ContainerCpu(9 * HOUR_NS, HOUR_NS, 2));
    assertEquals(40.0, p.getAsDouble(), 1e-9);
    ContainerCpuReading single = new ContainerCpuReading("api", 5_000_000L, 2 * HOUR_NS, null, null);
    assertTrue(ContainerCpuCheck.percent(single, new Baselines.ContainerCpu(9 * HOUR_NS, HOUR_NS, 2)).isEmpty());
  }

  @Test
  void moreThanOneCoreReadsAsDockerStatsDoes() {
    ContainerCpuReading r = new ContainerCpuReading("api", 2 * HOUR_NS, 2 * HOUR_NS, null, null);
    assertEquals(200.0, ContainerCpuCheck.percent(r, new Baselines.ContainerCpu(0, HOUR_NS, 0)).getAsDouble(), 1e-9);
  }
}
