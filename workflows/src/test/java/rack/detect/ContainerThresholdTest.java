package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.detect.SnapshotBuilder.host;

import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.ServiceState;
import rack.model.Severity;

class ContainerThresholdTest {

  @Test
  void exitedContainerWithRestartPolicyIsDown() {
    Finding f = Checks.only(Checks.withDefaults().next(host().container("api", "exited", "always", 0)), FindingKind.CONTAINER_DOWN);
    assertEquals(Severity.HIGH, f.severity());
    assertEquals("api", f.fact("container"));
    assertTrue(f.summary().startsWith("container api is exited"), f.summary());
  }

  @Test
  void criticalWhenTheStatusPageShowsItDownToo() {
    Evaluation e = Checks.withDefaults().next(host().container("api", "exited", "unless-stopped", 0).service("api", ServiceState.DOWN, null));
    assertEquals(Severity.CRITICAL, Checks.only(e, FindingKind.CONTAINER_DOWN).severity());
  }

  @Test
  void exitedOneShotContainerWithoutPolicyIsExpected() {
    assertTrue(Checks.withDefaults().next(host().container("migrate", "exited", "no", 0)).healthy());
    assertTrue(Checks.withDefaults().next(host().container("migrate", "exited", null, 0)).healthy());
  }

  @Test
  void containerWithoutPolicyThatWasRunningIsDown() {
    Checks checks = Checks.withDefaults();
    assertTrue(checks.next(host().container("web", "running", "no", 0)).healthy());
    Finding f = Checks.only(checks.next(host().minutesLater(60).container("web", "dead", "no", 0)), FindingKind.CONTAINER_DOWN);
    assertTrue(f.summary().contains("was running at the previous check"), f.summary());
  }

  @Test
  void oomKilledIsHigh() {
    ContainerInfo c = new ContainerInfo("id", "api", "img", "exited", "Exited (137)", 0, true, 137, "no", null, null, null, null);
    Finding f = Checks.only(Checks.withDefaults().next(host().container(c)), FindingKind.CONTAINER_OOM);
    assertEquals(Severity.HIGH, f.severity());
    assertEquals("137", f.fact("exitCode"));
  }

  private static ContainerInfo withMemory(Double percent, Long usage, Long limit) {
    return new ContainerInfo("id", "api", "img", "running", "Up", 0, false, null, "always", 1.0, percent, usage, limit);
  }

  @Test
  void memoryAtThresholdIsFineAboveIsAFinding() {
    assertTrue(Checks.withDefaults().next(host().container(withMemory(85.0, null, null))).healthy());
    Finding f = Checks.only(Checks.withDefaults().next(host().container(withMemory(85.1, null, null))), FindingKind.CONTAINER_MEMORY);
    assertEquals("container api memory at 85.1% (threshold 85%)", f.summary());
  }

  @Test
  void memoryFromUsageAndLimitWhenNoPercent() {
    assertEquals(1, Checks.of(Checks.withDefaults().next(host().container(withMemory(null, 90L, 100L))), FindingKind.CONTAINER_MEMORY).size());
    assertTrue(Checks.withDefaults().next(host().container(withMemory(null, 80L, 100L))).healthy());
    assertTrue(Checks.withDefaults().next(host().container(withMemory(null, 80L, 0L))).healthy());
  }

  @Test
  void threeRestartsInAnHourAreFineTheFourthIsNot() {
    Checks checks = Checks.withDefaults();
    checks.next(host().container("api", "running", "always", 10));
    assertTrue(checks.next(host().minutesLater(20).container("api", "running", "always", 13)).healthy());
    Finding f = Checks.only(checks.next(host().minutesLater(40).container("api", "running", "always", 14)), FindingKind.CONTAINER_RESTARTING);
    assertEquals("container api restarted 4 times in the last hour (threshold 3)", f.summary());
    assertEquals("incident-staging-container-restarting-api", f.fingerprint());
  }

  @Test
  void restartsOlderThanAnHourLeaveTheWindow() {
    Checks checks = Checks.withDefaults();
    checks.next(host().container("api", "running", "always", 0));
    checks.next(host().minutesLater(10).container("api", "running", "always", 3));
    // +1 at minute 69: the three restarts seen at minute 10 are 59 min old, still inside.
    assertEquals(1, Checks.of(checks.next(host().minutesLater(69).container("api", "running", "always", 4)), FindingKind.CONTAINER_RESTARTING).size());
    // +1 at minute 71: the minute-10 restarts have left the window; 2 remain.
    assertTrue(checks.next(host().minutesLater(71).container("api", "running", "always", 5)).healthy());
  }

  @Test
  void recreatedContainerCountsItsWholeCount() {
    Checks checks = Checks.withDefaults();
    checks.next(host().container("api", "running", "always", 50));
    assertEquals(1, Checks.of(checks.next(host().minutesLater(5).container("api", "running", "always", 4)), FindingKind.CONTAINER_RESTARTING).size());
  }

  @Test
  void highCountAtFirstSightOnlyCountsWhenRestartingNow() {
    assertTrue(Checks.withDefaults().next(host().container("api", "running", "always", 40)).healthy());
    assertTrue(Checks.withDefaults().next(host().container("api", "restarting", "always", 3)).healthy());
    assertEquals(1, Checks.of(Checks.withDefaults().next(host().container("api", "restarting", "always", 4)), FindingKind.CONTAINER_RESTARTING).size());
  }
}
