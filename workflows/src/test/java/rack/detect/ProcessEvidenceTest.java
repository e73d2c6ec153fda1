package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.detect.SnapshotBuilder.host;

import java.util.List;
import org.junit.jupiter.api.Test;
import rack.detect.ProcessEvidence.Score;
import rack.detect.ProcessEvidence.Sign;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot.ProcessInfo;

/** One test per sign of {@link ProcessEvidence}, then the shapes of real intrusions as combinations. */
class ProcessEvidenceTest {
  private static final double THRESHOLD = 50.0;

  private static ProcessInfo proc(int pid, int ppid, double cpu, long age, String comm, String args, String exe) {
    return new ProcessInfo(pid, ppid, "www-data", cpu, 0.5, age, "S", comm, args, exe);
  }

  private static Score score(ProcessInfo p, SnapshotBuilder host) {
    return ProcessEvidence.of(p, host.process(p).build(), THRESHOLD);
  }

  private static Score score(ProcessInfo p) {
    return score(p, host());
  }

  private static List<Sign> signs(Score s) {
    return s.found().stream().map(ProcessEvidence.Found::sign).toList();
  }

  // --- one per sign ---------------------------------------------------------------------------

  @Test
  void poolProtocolAloneIsConclusive() {
    Score s = score(proc(10, 1, 1, 600, "helper", "helper -o stratum+ssl://pool.example:443", "/usr/local/bin/helper"));
    assertEquals(List.of(Sign.POOL_PROTOCOL), signs(s));
    assertTrue(s.strong());
  }

  @Test
  void minerNameIsASign() {
    Score s = score(proc(10, 1, 1, 600, "xmrig", "xmrig", "/usr/bin/xmrig"));
    assertEquals(List.of(Sign.MINER_NAME), signs(s));
    assertFalse(s.strong(), "a name alone is weak");
  }

  @Test
  void minerNameOfTheScriptAnInterpreterRunsCounts() {
    Score s = score(proc(10, 1, 1, 600, "sh", "sh /opt/tools/kinsing.sh", "/usr/bin/dash"));
    assertTrue(s.has(Sign.MINER_NAME), s.toString());
  }

  @Test
  void poolPortInArgumentsIsASign() {
    Score s = score(proc(10, 1, 1, 600, "helper", "helper --url pool.example.com:14444", "/usr/bin/helper"));
    assertEquals(List.of(Sign.POOL_PORT_ARG), signs(s));
  }

  @Test
  void executableInEachTempDirIsASign() {
    for (String dir : List.of("/tmp/", "/var/tmp/", "/dev/shm/", "/run/shm/", "/dev/mqueue/", "/run/user/1000/")) {
      Score s = score(proc(10, 1, 1, 600, "upd", "./upd", dir + "upd"));
      assertEquals(List.of(Sign.TEMP_EXE), signs(s), dir);
    }
    assertEquals(List.of(), signs(score(proc(10, 1, 1, 600, "upd", "upd", "/usr/tmpfoo/upd"))));
  }

  @Test
  void scriptFromATempDirUnderAnInterpreterIsASign() {
    for (String exe : List.of("/usr/bin/dash", "/bin/bash", "/usr/bin/busybox", "/usr/bin/python3.11", "/usr/bin/perl")) {
      Score s = score(proc(10, 1, 1, 600, "x", "x -u /var/tmp/.cache/run", exe));
      assertEquals(List.of(Sign.TEMP_SCRIPT), signs(s), exe);
    }
    assertEquals(List.of(), signs(score(proc(10, 1, 1, 600, "sh", "sh -c /tmp/build/run.sh", "/usr/bin/dash"))),
        "sh -c runs a command line, not a script file (the probe's own commands look like this)");
    assertEquals(List.of(), signs(score(proc(10, 1, 1, 600, "java", "java -jar /tmp/app.jar", "/usr/bin/java"))),
        "java is not an interpreter of scripts in this sense");
  }

  @Test
  void bracketedNameOnAUserProcessIsAKernelThreadDisguise() {
    Score s = score(proc(10, 1, 1, 600, "kswapd0", "[kswapd0]", "/usr/local/bin/kswapd0"));
    assertEquals(List.of(Sign.KERNEL_THREAD_NAME), signs(s));
  }

  @Test
  void kernelThreadCommOnAUserProcessIsADisguiseToo() {
    Score s = score(proc(10, 1, 1, 600, "kworker/0:2", "kworker/0:2 --quiet", "/usr/local/bin/kw"));
    assertEquals(List.of(Sign.KERNEL_THREAD_NAME), signs(s));
    assertEquals(List.of(), signs(score(proc(10, 1, 1, 600, "watchdog", "/usr/sbin/watchdog", "/usr/sbin/watchdog"))),
        "the userspace watchdog daemon is not the kernel's watchdog/N thread");
  }

  @Test
  void realKernelThreadsZombiesAndFreshProcessesAreNotDisguised() {
    assertEquals(List.of(), signs(score(new ProcessInfo(40, 2, "root", 0, 0, 9999, "I", "kswapd0", "[kswapd0]", null))));
    assertEquals(List.of(), signs(score(new ProcessInfo(41, 900, "root", 0, 0, 50, "Z", "sh", "[sh]", "/usr/bin/dash"))));
    // the probe's own command, exiting between the ps read and the exe read (see the 2 s rule)
    assertEquals(List.of(), signs(score(new ProcessInfo(42, 900, "root", 0, 0, 1, "R", "docker", "[docker]", "/usr/bin/docker"))));
  }

  @Test
  void deletedExecutableCorroboratesButIsNoFindingAlone() {
    Score alone = score(proc(10, 1, 1, 600, "nginx", "nginx: master", "/usr/sbin/nginx (deleted)"));
    assertEquals(List.of(Sign.DELETED_EXE), signs(alone));
    assertFalse(alone.reportable(), "upgraded daemons run deleted binaries");
    assertTrue(Checks.withDefaults().next(host().process(10, "nginx", "nginx: master", "/usr/sbin/nginx (deleted)", 1)).healthy());
  }

  @Test
  void persistenceEntryRunningTheSamePathOrBaseNameIsASign() {
    ProcessInfo p = proc(10, 1, 1, 600, "upd", "./upd", "/tmp/.x/upd-agent");
    assertTrue(score(p, host().cron("/etc/cron.d/sys", "* * * * * root /tmp/.x/upd-agent")).has(Sign.PERSISTENCE));
    assertTrue(score(p, host().cron("/var/spool/cron/crontabs/www-data", "@reboot cd /tmp/.x && ./upd-agent")).has(Sign.PERSISTENCE));
    assertTrue(score(p, host().unit("upd.service", "/tmp/.x/upd-agent --daemon")).has(Sign.PERSISTENCE));
    assertTrue(score(p, host().ldPreload("/tmp/.x/upd-agent")).has(Sign.PERSISTENCE));
    assertFalse(score(p, host().cron("/etc/crontab", "0 1 * * * root /usr/bin/upd-agent-report")).has(Sign.PERSISTENCE),
        "a longer name is not the same base name");
    ProcessInfo shell = proc(11, 1, 1, 600, "sh", "sh /tmp/.x/run.sh", "/usr/bin/dash");
    assertFalse(score(shell, host().cron("/etc/crontab", "*/5 * * * * root /bin/sh /usr/local/bin/backup")).has(Sign.PERSISTENCE),
        "the interpreter's own path says nothing");
    assertTrue(score(shell, host().cron("/etc/cron.d/x", "*/5 * * * * root sh /tmp/.x/run.sh")).has(Sign.PERSISTENCE));
  }

  @Test
  void poolConnectionIsASign() {
    ProcessInfo p = proc(5, 1, 1, 600, "helper", "helper", "/tmp/helper");
    Score s = score(p, host().socket("203.0.113.9:5555", "users:((\"helper\",pid=5,fd=7))"));
    assertTrue(s.has(Sign.POOL_CONNECTION), s.toString());
  }

  @Test
  void watchdogParentIsASign() {
    ProcessInfo watchdog = proc(20, 1, 0, 900, "bash", "bash /var/tmp/.w/keep.sh", "/usr/bin/bash");
    ProcessInfo child = proc(21, 20, 1, 600, "upd", "./upd", "/usr/local/bin/upd");
    Score s = ProcessEvidence.of(child, host().process(watchdog).process(child).build(), THRESHOLD);
    assertEquals(List.of(Sign.WATCHDOG_PARENT), signs(s));
    ProcessInfo cron = proc(22, 1, 0, 900, "cron", "/usr/sbin/cron -f", "/usr/sbin/cron");
    ProcessInfo job = proc(23, 22, 1, 600, "upd", "./upd", "/usr/local/bin/upd");
    assertEquals(List.of(), signs(ProcessEvidence.of(job, host().process(cron).process(job).build(), THRESHOLD)));
  }

  @Test
  void cpuCountsForASuspectAtFirstSightAndMoreWhenSustained() {
    assertTrue(score(proc(10, 1, 99, 20, "kswapd0", "[kswapd0]", "/usr/local/bin/k")).has(Sign.CPU_AT_FIRST_SIGHT));
    assertTrue(score(proc(10, 1, 99, 120, "kswapd0", "[kswapd0]", "/usr/local/bin/k")).has(Sign.CPU_SUSTAINED));
    assertTrue(score(proc(10, 1, 50, 20, "xmrig", "xmrig", "/usr/bin/xmrig")).has(Sign.CPU_AT_FIRST_SIGHT), "at the threshold counts");
    assertEquals(List.of(), signs(score(proc(10, 1, 99, 120, "render", "render", "/usr/bin/render"))), "busy alone is normal");
  }

  // --- combinations ---------------------------------------------------------------------------

  @Test
  void plainUserProcessInTmpWithNothingElseStaysWeak() {
    Finding f = Checks.only(Checks.withDefaults().next(host().process(proc(300, 1, 0.5, 3600, "updater", "./updater", "/tmp/updater"))),
        FindingKind.SUSPICIOUS_PROCESS);
    assertEquals("weak", f.fact("evidenceStrength"));
    assertEquals("2", f.fact("evidenceScore"));
    assertEquals("TEMP_EXE", f.fact("signs"));
  }

  @Test
  void kernelThreadImpostorRunningADeletedBinaryFromVarTmpIsStrong() {
    // The issue's first case: [kswapd0] in ps, exe deleted from /var/tmp, a full core for 20 s.
    ProcessInfo impostor = new ProcessInfo(4711, 1, "root", 100.0, 0.1, 20, "R", "kswapd0", "[kswapd0]", "/var/tmp/.x/kswapd0 (deleted)");
    Finding f = Checks.only(Checks.withDefaults().next(host().process(impostor)), FindingKind.SUSPICIOUS_PROCESS);
    assertEquals("strong", f.fact("evidenceStrength"));
    assertEquals("TEMP_EXE,KERNEL_THREAD_NAME,DELETED_EXE,CPU_AT_FIRST_SIGHT", f.fact("signs"));
    assertEquals("8", f.fact("evidenceScore"));
    assertTrue(f.summary().startsWith("suspicious process kswapd0 hides behind the kernel-thread name [kswapd0]"), f.summary());
    for (String sign : List.of("executable in a temp dir (+2)", "kernel-thread name on a user process (+3)",
        "executable deleted after start (+2)", "high CPU at first sight (+1)")) {
      assertTrue(f.evidence().stream().anyMatch(l -> l.contains(sign)), sign + " in " + f.evidence());
    }
  }

  @Test
  void minerScriptUnderAnInterpreterFromTmpWithACronDLineIsStrong() {
    // The issue's second case: exe /bin/sh, the script's path in argv, /etc/cron.d runs the same path.
    ProcessInfo dropper = proc(5000, 1, 3, 600, "sh", "/bin/sh /tmp/.ICE-unix/kinsing", "/usr/bin/dash");
    Finding f = Checks.only(Checks.withDefaults().next(host().process(dropper)
        .cron("/etc/cron.d/apache", "*/2 * * * * root /bin/sh /tmp/.ICE-unix/kinsing >/dev/null 2>&1")), FindingKind.MINER_PROCESS);
    assertEquals("strong", f.fact("evidenceStrength"));
    assertEquals("MINER_NAME,TEMP_SCRIPT,PERSISTENCE", f.fact("signs"));
    assertEquals("/tmp/.ICE-unix/kinsing", f.fact("script"));
    assertTrue(f.evidence().stream().anyMatch(l -> l.contains("/etc/cron.d/apache: */2")), f.evidence().toString());
  }

  @Test
  void otherTwoSignCombinationsOfFourPointsAreStrong() {
    assertTrue(score(proc(10, 1, 1, 600, "upd", "./upd", "/tmp/upd (deleted)")).strong(), "temp + deleted");
    assertTrue(score(proc(10, 1, 1, 600, "xmrig", "xmrig", "/tmp/xmrig")).strong(), "name + temp");
    assertTrue(score(proc(10, 1, 70, 20, "kswapd0", "[kswapd0]", "/usr/local/bin/k")).strong(), "kernel name + CPU");
    assertTrue(score(proc(10, 1, 1, 600, "upd", "./upd", "/tmp/upd"), host().cron("/etc/crontab", "* * * * * root /tmp/upd")).strong(),
        "temp + persistence");
    assertFalse(score(proc(10, 1, 70, 20, "upd", "./upd", "/tmp/upd")).strong(), "temp + CPU at first sight is 3 points");
    assertFalse(score(proc(10, 1, 1, 600, "kswapd0", "[kswapd0]", "/usr/local/bin/k")).strong(), "a disguise alone is 3 points");
  }

  @Test
  void aProcessADismissalAcceptedIsNotFlaggedAgainButAnotherBinaryOfTheSameNameIs() {
    Checks checks = Checks.withDefaults();
    ProcessInfo tool = proc(300, 1, 0.5, 3600, "updater", "./updater", "/tmp/updater");
    Finding f = Checks.only(checks.next(host().process(tool)), FindingKind.SUSPICIOUS_PROCESS);
    Baselines taught = Acceptance.accept(checks.baselines(), Acceptance.entriesFor(List.of(f), "loop-1", "dana", 0));
    Detector detector = new Detector(null);
    assertTrue(detector.evaluate(host().minutesLater(60).process(tool).build(), taught).healthy());
    ProcessInfo other = proc(301, 1, 0.5, 3600, "updater", "./updater", "/dev/shm/updater");
    assertEquals(1, Checks.of(detector.evaluate(host().minutesLater(60).process(other).build(), taught), FindingKind.SUSPICIOUS_PROCESS).size());
    Baselines forgotten = Acceptance.forget(taught, "loop-1");
    assertEquals(1, Checks.of(detector.evaluate(host().minutesLater(60).process(tool).build(), forgotten), FindingKind.SUSPICIOUS_PROCESS).size());
  }

  @Test
  void aDismissedCronLineIsAcceptedUntilForgotten() {
    Checks checks = Checks.withDefaults();
    checks.next(host());
    Finding cron = Checks.only(checks.next(host().cron("/etc/cron.d/report", "0 * * * * root /usr/local/bin/report")), FindingKind.CRON_ADDED);
    Baselines taught = Acceptance.accept(checks.baselines(), Acceptance.entriesFor(List.of(cron), "loop-2", "dana", 0));
    Detector detector = new Detector(null);
    assertTrue(detector.evaluate(host().cron("/etc/cron.d/report", "0 * * * * root /usr/local/bin/report").build(), taught).healthy());
    assertEquals(1, Checks.of(detector.evaluate(host().cron("/etc/cron.d/report", "0 * * * * root /usr/local/bin/report").build(),
        Acceptance.forget(taught, "all")), FindingKind.CRON_ADDED).size());
  }
}
