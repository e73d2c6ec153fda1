package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.detect.SnapshotBuilder.host;

import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.LoopKind;
import rack.model.Severity;

class AnomalyScanTest {

  @Test
  void xmrigRunningFromTmpIsAStrongMinerFinding() {
    Finding f = Checks.only(Checks.withDefaults().next(host().process(4242, "xmrig", "/tmp/.x/xmrig -o pool.example:443", "/tmp/.x/xmrig", 5.0)),
        FindingKind.MINER_PROCESS);
    assertEquals(Severity.CRITICAL, f.severity());
    assertEquals(LoopKind.ANOMALY, f.loopKind());
    assertEquals("strong", f.fact("evidenceStrength"));
    assertEquals("4242", f.fact("pid"));
    assertEquals("/tmp/.x/xmrig", f.fact("exe"));
    assertEquals("www-data", f.fact("user"));
    assertEquals("anomaly-staging-miner-process-xmrig", f.fingerprint());
    assertTrue(f.evidence().stream().anyMatch(l -> l.contains("executable in a temp dir (+2): executable /tmp/.x/xmrig")), f.evidence().toString());
  }

  @Test
  void bareMinerNameIsWeak() {
    Finding f = Checks.only(Checks.withDefaults().next(host().process(77, "xmrig", "xmrig", "/usr/bin/xmrig", 1.0)), FindingKind.MINER_PROCESS);
    assertEquals("weak", f.fact("evidenceStrength"));
  }

  @Test
  void nameWithSustainedCpuIsStrong() {
    Finding f = Checks.only(Checks.withDefaults().next(host().process(77, "kdevtmpfsi", "kdevtmpfsi", "/usr/bin/kdevtmpfsi", 95.0)),
        FindingKind.MINER_PROCESS);
    assertEquals("strong", f.fact("evidenceStrength"));
  }

  @Test
  void stratumArgumentsUnderAnInnocentNameAreAMiner() {
    Finding f = Checks.only(Checks.withDefaults().next(host().process(900, "systemd-helper",
            "systemd-helper -o stratum+tcp://pool.minexmr.com:4444 -u 4AbC --donate-level 1", "/usr/local/bin/systemd-helper", 2.0)),
        FindingKind.MINER_PROCESS);
    assertEquals("strong", f.fact("evidenceStrength"));
    assertTrue(f.summary().contains("stratum+tcp"), f.summary());
  }

  @Test
  void poolPortAloneIsWeakAndAPoolSocketCorroborates() {
    Finding weak = Checks.only(Checks.withDefaults().next(host().process(5, "helper", "helper --url pool.example.com:3333", "/usr/bin/helper", 1.0)),
        FindingKind.MINER_PROCESS);
    assertEquals("weak", weak.fact("evidenceStrength"));
    Finding strong = Checks.only(Checks.withDefaults().next(host()
            .process(5, "helper", "helper --url pool.example.com:3333", "/usr/bin/helper", 1.0)
            .socket("203.0.113.9:3333", "users:((\"helper\",pid=5,fd=7))")),
        FindingKind.MINER_PROCESS);
    assertEquals("strong", strong.fact("evidenceStrength"));
  }

  @Test
  void ordinaryPortsAndNamesAreNotMiners() {
    assertTrue(Checks.withDefaults().next(host()
        .process(10, "nginx", "nginx: worker process", "/usr/sbin/nginx", 3.0)
        .process(11, "java", "java -jar app.jar --server.port=8080 --db=db:5432", "/usr/bin/java", 10.0)
        .process(12, "xmrigger-docs", "less xmrigger-docs", "/usr/bin/less", 0.0)).healthy());
  }

  @Test
  void fingerprintIgnoresPidAndGroupsRespawns() {
    Checks checks = Checks.withDefaults();
    Finding first = Checks.only(checks.next(host().process(100, "xmrig", "xmrig", "/tmp/xmrig", 1.0)), FindingKind.MINER_PROCESS);
    Finding respawned = Checks.only(checks.next(host().minutesLater(60)
        .process(200, "xmrig", "xmrig", "/tmp/xmrig", 1.0)
        .process(201, "xmrig", "xmrig", "/tmp/xmrig", 1.0)), FindingKind.MINER_PROCESS);
    assertEquals(first.fingerprint(), respawned.fingerprint());
    assertEquals("200,201", respawned.fact("pids"));
  }

  @Test
  void executableInTmpWithoutMinerSignsIsSuspicious() {
    Finding f = Checks.only(Checks.withDefaults().next(host().process(300, "updater", "./updater", "/dev/shm/updater", 0.5)),
        FindingKind.SUSPICIOUS_PROCESS);
    assertEquals(Severity.HIGH, f.severity());
    assertEquals("suspicious process updater runs from /dev/shm/updater (weak evidence: executable in a temp dir; 2 points)", f.summary());
  }

  @Test
  void fakeKernelThreadIsSuspiciousButRealOnesAreNot() {
    ProcessInfo real = new ProcessInfo(40, 2, "root", 0.0, 0.0, 99999, "I", "kworker/0:1", "[kworker/0:1]", null);
    ProcessInfo fake = new ProcessInfo(4000, 1, "www-data", 1.0, 0.0, 99, "S", "kworker/0:1", "[kworker/0:1]", "/usr/bin/perl");
    assertTrue(Checks.withDefaults().next(host().process(real)).healthy());
    assertEquals(1, Checks.of(Checks.withDefaults().next(host().process(fake)), FindingKind.SUSPICIOUS_PROCESS).size());
  }

  @Test
  void exitingProcessShownInBracketsIsNotAKernelThreadImpostor() {
    // Seen on the lab: the probe's own `timeout` commands, caught by ps while exiting (cmdline gone).
    ProcessInfo exiting = new ProcessInfo(912, 900, "root", 0.0, 0.0, 0, "S", "timeout", "[timeout]", null);
    ProcessInfo zombie = new ProcessInfo(913, 900, "root", 0.0, 0.0, 0, "Z", "sh", "[sh]", "/usr/bin/dash");
    assertTrue(Checks.withDefaults().next(host().process(exiting)).healthy());
    assertTrue(Checks.withDefaults().next(host().process(zombie)).healthy());
    // Seen on this machine: the probe's own `docker` exiting between the ps read and the exe read.
    ProcessInfo exitedBetweenReads = new ProcessInfo(914, 900, "root", 0.0, 0.0, 0, "R", "docker", "[docker]", "/usr/bin/docker");
    assertTrue(Checks.withDefaults().next(host().process(exitedBetweenReads)).healthy());
    ProcessInfo disguisedFor2s = new ProcessInfo(915, 1, "root", 0.0, 0.0, 2, "S", "docker", "[docker]", "/usr/bin/docker");
    assertEquals(1, Checks.of(Checks.withDefaults().next(host().process(disguisedFor2s)), FindingKind.SUSPICIOUS_PROCESS).size());
  }

  @Test
  void deletedExecutableAloneIsNotAFinding() {
    assertTrue(Checks.withDefaults().next(host().process(7, "sshd", "sshd: /usr/sbin/sshd", "/usr/sbin/sshd (deleted)", 0.0)).healthy());
  }

  @Test
  void unknownProcessNeedsSustainedHighCpuAcrossChecks() {
    Checks checks = Checks.withDefaults();
    checks.next(host().process(1, "postgres", "postgres", "/usr/bin/postgres", 10.0)); // learns the process list
    SnapshotBuilder busy = host().process(1, "postgres", "postgres", "/usr/bin/postgres", 90.0)
        .process(50, "render", "render --all", "/usr/bin/render", 60.0);
    assertTrue(checks.next(busy).healthy(), "first check above: not sustained yet; postgres is known");
    Finding f = Checks.only(checks.next(busy), FindingKind.UNKNOWN_CPU_PROCESS);
    assertEquals("render", f.subject());
    assertEquals("unknown process render at 60% CPU for 2 checks (threshold 50% for 2 checks)", f.summary());
  }

  @Test
  void unknownProcessAtThresholdOrDippingIsNotReported() {
    Checks checks = Checks.withDefaults();
    checks.next(host());
    checks.next(host().process(50, "render", "render", "/usr/bin/render", 50.0));
    assertTrue(checks.next(host().process(50, "render", "render", "/usr/bin/render", 50.0)).healthy());
    checks.next(host().process(50, "render", "render", "/usr/bin/render", 70.0));
    checks.next(host().process(50, "render", "render", "/usr/bin/render", 10.0));
    assertTrue(checks.next(host().process(50, "render", "render", "/usr/bin/render", 70.0)).healthy());
  }
}
