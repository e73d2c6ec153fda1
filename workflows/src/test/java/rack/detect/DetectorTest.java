package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.detect.SnapshotBuilder.host;

import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import rack.config.Thresholds;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;
import rack.model.Severity;

class DetectorTest {

  @Test
  void healthyHostScoresTen() {
    Evaluation e = Checks.withDefaults().next(host().disk("/dev/sda1", "/", 30).service("api", ServiceState.UP, 40L)
        .container("api", "running", "always", 0).process(1, "init", "/sbin/init", "/sbin/init", 0.1));
    assertTrue(e.healthy());
    assertEquals(10, e.healthScore());
  }

  @Test
  void healthScoreSubtractsBySeverity() {
    assertEquals(9, HealthScore.of(List.of(finding(Severity.MEDIUM))));
    assertEquals(9, HealthScore.of(List.of(finding(Severity.LOW))));
    assertEquals(7, HealthScore.of(List.of(finding(Severity.HIGH))));
    assertEquals(5, HealthScore.of(List.of(finding(Severity.CRITICAL))));
    assertEquals(1, HealthScore.of(List.of(finding(Severity.CRITICAL), finding(Severity.HIGH), finding(Severity.MEDIUM))));
    assertEquals(0, HealthScore.of(List.of(finding(Severity.CRITICAL), finding(Severity.CRITICAL), finding(Severity.CRITICAL))));
  }

  private static Finding finding(Severity s) {
    return new Finding("h", FindingKind.DISK_FULL, s, "/", "x", List.of());
  }

  @Test
  void findingsAreSortedBySeverityThenKindThenSubject() {
    Evaluation e = Checks.withDefaults().next(host()
        .disk("/dev/sdb", "/var", 85).disk("/dev/sda", "/", 85)
        .service("web", ServiceState.DEGRADED, null).service("api", ServiceState.DOWN, null));
    List<String> order = e.findings().stream().map(f -> f.kind() + ":" + f.subject()).toList();
    assertEquals(List.of("SERVICE_DOWN:api", "SERVICE_DEGRADED:web", "DISK_FULL:/", "DISK_FULL:/var"), order);
  }

  @Test
  void unreachableHostIsCriticalAndKeepsHostBaselines() {
    Checks checks = Checks.withDefaults();
    checks.next(host().cpu(0, 0));
    checks.next(host().minutesLater(60).cpu(900, 1000));
    checks.next(host().minutesLater(120).cpu(1800, 2000));
    Evaluation down = checks.next(host().minutesLater(180).unreachable("connect timed out").service("api", ServiceState.DOWN, null));
    Finding f = Checks.only(down, FindingKind.HOST_UNREACHABLE);
    assertEquals(Severity.CRITICAL, f.severity());
    assertEquals("host staging is unreachable over SSH: connect timed out", f.summary());
    assertEquals(1, Checks.of(down, FindingKind.SERVICE_DOWN).size(), "the status page is still judged");
    assertEquals(2, checks.baselines().cpu().highStreak());
    assertEquals(1, Checks.of(checks.next(host().minutesLater(240).cpu(2700, 3000)), FindingKind.HOST_CPU).size());
  }

  @Test
  void rejectedHostKeyIsAnAnomaly() {
    Finding f = Checks.only(Checks.withDefaults().next(host().hostKeyRejected()), FindingKind.HOST_KEY_CHANGED);
    assertEquals(Severity.CRITICAL, f.severity());
    assertEquals("anomaly-staging-host-key-changed-ssh-host-key", f.fingerprint());
  }

  @Test
  void fingerprintsAreStableWhileNumbersChange() {
    Checks checks = Checks.withDefaults();
    Finding a = Checks.only(checks.next(host().disk("/dev/loop0", "/srv/data", 91)), FindingKind.DISK_FULL);
    Finding b = Checks.only(checks.next(host().minutesLater(60).disk("/dev/loop0", "/srv/data", 93)), FindingKind.DISK_FULL);
    assertEquals(a.fingerprint(), b.fingerprint());
    assertEquals("incident-staging-disk-full-srv_data", a.fingerprint());
  }

  @Test
  void sameInputsGiveEqualOutputs() {
    HostSnapshot s = host().disk("/dev/sda", "/", 90).service("api", ServiceState.DOWN, null)
        .process(9, "xmrig", "xmrig", "/tmp/xmrig", 90).cron("/etc/crontab", "* * * * * x").build();
    Evaluation one = new Detector(Thresholds.defaults()).evaluate(s, Baselines.empty());
    Evaluation two = new Detector(Thresholds.defaults()).evaluate(s, Baselines.empty());
    assertEquals(one, two);
  }

  /** The snapshot record rejects null elements itself (List.copyOf); hostile here means null and odd fields. */
  @Test
  void hostileSnapshotsNeverThrow() {
    List<ProcessInfo> processes = new ArrayList<>(Arrays.asList(
        new ProcessInfo(0, 0, null, Double.NaN, 0, -1, null, null, null, null),
        new ProcessInfo(3, 1, "u", 99, 0, 999, null, "", "   ", "")));
    List<ContainerInfo> containers = new ArrayList<>(Arrays.asList(
        new ContainerInfo(null, null, null, null, null, -5, false, null, null, null, null, null, null),
        new ContainerInfo(null, "c", null, null, null, 0, false, null, null, Double.NaN, Double.NaN, null, null)));
    List<ServiceStatus> services = new ArrayList<>(Arrays.asList(new ServiceStatus(null, null, null, null),
        new ServiceStatus("s", null, -3L, null)));
    HostSnapshot hostile = new HostSnapshot(null, null, true, false, null, true, true, containers,
        new ArrayList<>(Arrays.asList(new HostSnapshot.DiskUsage(null, null, 0, 0, 0))), null, new HostSnapshot.LoadInfo(1, 1, 1, 0),
        null, processes, new ArrayList<>(Arrays.asList(new HostSnapshot.CronEntry(null, null))),
        new ArrayList<>(Arrays.asList(new HostSnapshot.SystemdUnit(null, null, null))),
        List.of("", "\0"),
        new ArrayList<>(Arrays.asList(new HostSnapshot.AuthorizedKey(null, null, null, null))),
        new ArrayList<>(Arrays.asList(new HostSnapshot.SocketInfo(null, null, null, null))), services, "", null, null);
    Checks checks = Checks.withDefaults();
    Evaluation first = checks.next(hostile);
    Evaluation second = checks.next(hostile);
    assertNotNull(second.baselines());
    assertTrue(first.healthScore() >= 0 && second.healthScore() <= 10);
    assertEquals(Checks.withDefaults().next(HostSnapshot.unreachable("x", null, false, null)).findings().size(), 1);
    assertNotNull(new Detector(null).evaluate(host().build(), null));
  }

  @Test
  void baselinesRoundTripThroughTemporalsJsonConverter() {
    Checks checks = Checks.withDefaults();
    checks.next(host().cpu(0, 0).disk("/dev/sda", "/", 50).container("api", "running", "always", 1)
        .service("api", ServiceState.UP, 40L).process(1, "init", "init", "/sbin/init", 0).cron("/etc/crontab", "x")
        .unit("a.service", "/bin/a").key("/root/.ssh/authorized_keys", "sha", "c"));
    checks.next(host().minutesLater(60).cpu(900, 1000).disk("/dev/sda", "/", 52).container("api", "running", "always", 3)
        .service("api", ServiceState.UP, 42L).process(1, "init", "init", "/sbin/init", 0).process(20, "hot", "hot", "/bin/hot", 80));
    Baselines original = checks.baselines();
    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    Optional<io.temporal.api.common.v1.Payloads> payloads = converter.toPayloads(original);
    Baselines copy = converter.fromPayloads(0, payloads, Baselines.class, Baselines.class);
    assertEquals(original, copy);
    assertEquals(1, copy.processCpuStreaks().get("hot"));
    assertEquals(2, copy.containers().restarts().get("api").events().get(0).restarts());
  }

  @Test
  void baselinesStayBounded() {
    SnapshotBuilder huge = host();
    for (int i = 0; i < Baselines.MAX_ENTRIES + 50; i++) huge.disk("/dev/sd" + i, "/data/" + i, 10);
    Checks checks = Checks.withDefaults();
    checks.next(huge);
    assertEquals(Baselines.MAX_ENTRIES, checks.baselines().diskUsedPercent().size());
  }
}
