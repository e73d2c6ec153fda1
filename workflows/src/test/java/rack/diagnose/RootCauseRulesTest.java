package rack.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rack.config.Thresholds;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.LoadInfo;
import rack.model.Severity;

class RootCauseRulesTest {
  private final RootCauseRules rules = new RootCauseRules(Thresholds.defaults());

  private static ContainerInfo container(String name, String state, int exit, boolean oom, Long limit, Double cpu) {
    return new ContainerInfo("abc123abc123", name, "img", state, state, 4, oom, exit, "always", cpu, 20.0, 1L, limit);
  }

  private static HostSnapshot snapshot(LoadInfo load, ContainerInfo... containers) {
    return new HostSnapshot("h", Instant.EPOCH, true, false, null, true, true, List.of(containers), null, null, load, null,
        null, null, null, null, null, null, null, null, null, null);
  }

  private static Finding finding(FindingKind kind, String subject) {
    return new Finding("h", kind, Severity.HIGH, subject, kind.slug() + " " + subject, List.of());
  }

  @Test
  void oomKillWithoutMemoryLimitAsksForALimitInCompose() {
    var d = rules.diagnose(finding(FindingKind.CONTAINER_DOWN, "api"),
        new DiagnosticBundle(snapshot(null, container("api", "exited", 137, true, null, null)), Map.of(), List.of()));
    assertTrue(d.determined());
    assertEquals("Container api was OOM-killed (exit 137) and runs without a memory limit", d.rootCause());
    assertTrue(d.recommendedFix().contains("docker-compose.yml") && d.recommendedFix().contains("mem_limit"));
  }

  @Test
  void stoppedBySignalIsNotCalledAnOomKill() {
    // As the lab's `docker stop api` leaves it: exit 137 without OOMKilled, already restarted by rack
    // when diagnostics run, so the finding's facts are what is left of the exit.
    Finding down = new Finding("h", FindingKind.SERVICE_DOWN, Severity.CRITICAL, "staging/api", "staging/api is DOWN",
        List.of(), Map.of("service", "staging/api", "container", "api", "exitCode", "137", "restartPolicy", "unless-stopped"));
    var d = rules.diagnose(down, new DiagnosticBundle(snapshot(null, container("api", "running", 0, false, null, null)), Map.of(), List.of()));
    assertTrue(d.determined());
    assertTrue(d.rootCause().contains("stopped by a signal (exit 137, SIGKILL, not OOM-killed)"), d.rootCause());
    var oom = rules.diagnose(finding(FindingKind.CONTAINER_DOWN, "api"),
        new DiagnosticBundle(snapshot(null, container("api", "exited", 137, false, null, null)), Map.of(), List.of()));
    assertTrue(!oom.rootCause().contains("OOM-killed (exit 137)"), "exit 137 alone is no OOM kill: " + oom.rootCause());
  }

  @Test
  void crashLoopQuotesTheFirstErrorLines() {
    String logs = "booting\nWARN slow disk\nFATAL: config key DATABASE_URL missing\nError: exiting\n";
    var d = rules.diagnose(finding(FindingKind.CONTAINER_RESTARTING, "worker"), new DiagnosticBundle(
        snapshot(null, container("worker", "restarting", 1, false, 1L << 28, null)),
        Map.of("docker logs worker --tail 100", logs), List.of()));
    assertTrue(d.rootCause().endsWith("FATAL: config key DATABASE_URL missing"), d.rootCause());
    assertEquals("log: FATAL: config key DATABASE_URL missing", d.evidence().get(0));
  }

  @Test
  void diskFilledByLogsAsksForRotationAndByImagesForPruning() {
    Finding disk = new Finding("h", FindingKind.DISK_FULL, Severity.HIGH, "/", "disk / at 93%", List.of(), Map.of("mountPoint", "/"));
    String systemDf = "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\nImages          5         2         3.2GB     1.5GB (46%)\n"
        + "Local Volumes   2         1         100MB     50MB (50%)\n";
    var logs = rules.diagnose(disk, new DiagnosticBundle(snapshot(null), Map.of(
        "du -b /var/lib/docker/containers/*/*-json.log", "8000000000 /var/lib/docker/containers/abc/abc-json.log\n12 /x-json.log",
        "docker system df", systemDf), List.of()));
    assertTrue(logs.rootCause().contains("container logs"), logs.rootCause());
    assertTrue(logs.recommendedFix().contains("max-size"));

    var images = rules.diagnose(disk, new DiagnosticBundle(snapshot(null), Map.of("docker system df", systemDf), List.of()));
    assertTrue(images.rootCause().contains("images"), images.rootCause());
    assertTrue(images.recommendedFix().contains("prune"));
  }

  @Test
  void slowResponsesWithSaturatedCpuNameTheBusiestContainer() {
    var d = rules.diagnose(finding(FindingKind.SLOW_RESPONSE, "api"), new DiagnosticBundle(
        snapshot(new LoadInfo(6.5, 5, 4, 4), container("api", "running", 0, false, null, 20.0),
            container("batch", "running", 0, false, null, 350.0)), Map.of(), List.of()));
    assertTrue(d.determined());
    assertEquals("Responses of api are slow while the host CPU is saturated by batch", d.rootCause());
  }

  @Test
  void unreachableHostAndUnknownCause() {
    HostSnapshot down = HostSnapshot.unreachable("h", Instant.EPOCH, false, "connect timed out");
    var unreachable = rules.diagnose(finding(FindingKind.SERVICE_DOWN, "api"), new DiagnosticBundle(down, Map.of(), List.of()));
    assertEquals("Host h is unreachable: connect timed out", unreachable.rootCause());

    var unknown = rules.diagnose(finding(FindingKind.SERVICE_DOWN, "api"),
        new DiagnosticBundle(snapshot(null, container("api", "running", 0, false, null, 1.0)), Map.of(), List.of()));
    assertFalse(unknown.determined());
    var noBundle = rules.diagnose(finding(FindingKind.SLOW_RESPONSE, "api"), null);
    assertFalse(noBundle.determined());
  }
}
