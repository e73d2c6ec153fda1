package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.detect.SnapshotBuilder.host;

import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot.ServiceState;
import rack.model.Severity;

class StatusPageThresholdTest {

  @Test
  void downServiceIsCriticalAndDegradedIsHigh() {
    Evaluation e = Checks.withDefaults().next(host()
        .service("api", ServiceState.DOWN, null)
        .service("web", ServiceState.DEGRADED, 900L)
        .service("worker", ServiceState.UP, 20L));
    Finding down = Checks.only(e, FindingKind.SERVICE_DOWN);
    assertEquals(Severity.CRITICAL, down.severity());
    assertEquals("api is DOWN on the status page", down.summary());
    assertEquals("api", down.fact("service"));
    assertEquals("incident-staging-service-down-api", down.fingerprint());
    Finding degraded = Checks.only(e, FindingKind.SERVICE_DEGRADED);
    assertEquals(Severity.HIGH, degraded.severity());
    assertEquals("web", degraded.subject());
    assertEquals(2, e.findings().size());
  }

  @Test
  void unknownStateIsNeitherFindingNorSample() {
    Checks checks = Checks.withDefaults();
    Evaluation e = checks.next(host().service("api", ServiceState.UNKNOWN, 30L));
    assertTrue(e.healthy());
    assertTrue(checks.baselines().healthyResponseMs().isEmpty());
  }

  @Test
  void unreachableStatusPageAndDashboard() {
    Evaluation e = Checks.withDefaults().next(host().statusPageError("connect timed out\nstack...").dashboardReachable(false));
    assertEquals("status page unreachable: connect timed out", Checks.only(e, FindingKind.STATUS_PAGE_UNREACHABLE).summary());
    assertEquals(Severity.MEDIUM, Checks.only(e, FindingKind.DASHBOARD_UNREACHABLE).severity());
  }

  /** Baseline 100 ms after three healthy checks; factor 2 means above 200 ms is slow. */
  private static Checks learnedBaseline() {
    Checks checks = Checks.withDefaults();
    for (long ms : new long[] {90, 100, 110}) {
      assertTrue(checks.next(host().service("api", ServiceState.UP, ms)).healthy());
    }
    return checks;
  }

  @Test
  void responseTimeAtTwiceBaselineIsNotSlowButAboveIs() {
    assertTrue(learnedBaseline().next(host().service("api", ServiceState.UP, 200L)).healthy());
    Finding slow = Checks.only(learnedBaseline().next(host().service("api", ServiceState.UP, 201L)), FindingKind.SLOW_RESPONSE);
    assertEquals("api responds in 201 ms (threshold 2x baseline 100 ms)", slow.summary());
    assertEquals("201 ms", slow.fact("measured"));
    assertEquals("200 ms", slow.fact("threshold"));
  }

  @Test
  void noBaselineBeforeMinSamples() {
    Checks checks = Checks.withDefaults();
    checks.next(host().service("api", ServiceState.UP, 100L));
    checks.next(host().service("api", ServiceState.UP, 100L));
    // Only two samples: a slow answer is learned, not reported.
    assertTrue(checks.next(host().service("api", ServiceState.UP, 5000L)).healthy());
  }

  @Test
  void slowSamplesAreNotLearnedSoTheIncidentDoesNotRaiseItsBaseline() {
    Checks checks = learnedBaseline();
    for (int i = 0; i < 5; i++) {
      assertEquals(1, Checks.of(checks.next(host().service("api", ServiceState.UP, 1000L)), FindingKind.SLOW_RESPONSE).size());
    }
    assertEquals(3, checks.baselines().healthyResponseMs().get("api").size());
  }

  @Test
  void downChecksAreNotLearnedEither() {
    Checks checks = learnedBaseline();
    checks.next(host().service("api", ServiceState.DOWN, 9000L));
    assertEquals(3, checks.baselines().healthyResponseMs().get("api").size());
  }

  @Test
  void floorProtectsTinyBaselines() {
    Checks checks = Checks.withDefaults();
    for (int i = 0; i < 3; i++) checks.next(host().service("api", ServiceState.UP, 5L));
    // 54 ms is 10x the 5 ms baseline but below the 100 ms floor (the lab saw exactly that under load).
    assertTrue(checks.next(host().service("api", ServiceState.UP, 54L)).healthy());
    assertTrue(checks.next(host().service("api", ServiceState.UP, 100L)).healthy(), "at the floor is not above it");
    assertEquals(1, Checks.of(checks.next(host().service("api", ServiceState.UP, 101L)), FindingKind.SLOW_RESPONSE).size());
  }

  @Test
  void samplesAreCapped() {
    Checks checks = Checks.withDefaults();
    for (int i = 0; i < Baselines.MAX_RESPONSE_SAMPLES + 15; i++) checks.next(host().service("api", ServiceState.UP, 100L));
    assertEquals(Baselines.MAX_RESPONSE_SAMPLES, checks.baselines().healthyResponseMs().get("api").size());
  }
}
