package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot.ContainerLogSummary;
import rack.model.HostSnapshot.RepeatedLine;

class ErrorLogCheckTest {
  private static SnapshotBuilder logs(int n, String container, long errors) {
    List<RepeatedLine> top = errors == 0 ? List.of() : List.of(new RepeatedLine("ERROR payment provider returned 503", errors));
    return SnapshotBuilder.host().minutesLater(60L * n)
        .containerLogs(new ContainerLogSummary(container, errors + 50, errors, top, 9_000, false));
  }

  @Test
  void aQuietContainerThatSuddenlyErrsIsABurstQuotingItsLine() {
    Checks checks = Checks.withDefaults();
    checks.next(logs(0, "shop-api-1", 2));
    checks.next(logs(1, "shop-api-1", 3));
    List<Finding> found = Checks.of(checks.next(logs(2, "shop-api-1", 1200)), FindingKind.ERROR_LOG_BURST);
    assertEquals(1, found.size());
    Finding f = found.get(0);
    assertEquals("shop-api-1", f.fact("container"));
    assertEquals("ERROR payment provider returned 503", f.fact("topLogLine"));
    assertTrue(f.evidence().contains("log x1200: ERROR payment provider returned 503"), f.evidence().toString());
  }

  @Test
  void aChattyContainerAtItsUsualRateIsNotAnAlarm() {
    Checks checks = Checks.withDefaults();
    for (int n = 0; n < 6; n++) {
      assertEquals(List.of(), Checks.of(checks.next(logs(n, "legacy", 400 + 20 * (n % 2))), FindingKind.ERROR_LOG_BURST), "check " + n);
    }
    assertEquals(List.of(), Checks.of(checks.next(logs(6, "legacy", 2000)), FindingKind.ERROR_LOG_BURST), "5x usual is below 10x");
    assertEquals(1, Checks.of(checks.next(logs(7, "legacy", 9000)), FindingKind.ERROR_LOG_BURST).size());
  }

  @Test
  void belowTheFloorIsNeverABurst() {
    Checks checks = Checks.withDefaults();
    checks.next(logs(0, "api", 0));
    assertEquals(List.of(), Checks.of(checks.next(logs(1, "api", 100)), FindingKind.ERROR_LOG_BURST), "100 is not more than 100");
  }

  @Test
  void aBurstDoesNotTeachTheUsualCount() {
    Checks checks = Checks.withDefaults();
    checks.next(logs(0, "api", 5));
    checks.next(logs(1, "api", 5000));
    assertEquals(5.0, checks.baselines().errorLogUsual().get("api"));
    assertEquals(1, Checks.of(checks.next(logs(2, "api", 5000)), FindingKind.ERROR_LOG_BURST).size(), "still a burst");
  }
}
