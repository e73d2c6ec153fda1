package rack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rack.config.RemediationPolicy;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.Severity;

class ContainmentPlanTest {
  private static Finding miner(int pid, int ppid) {
    return new Finding("h", FindingKind.MINER_PROCESS, Severity.CRITICAL, "kdevtmpfsi", "miner", List.of(),
        Map.of("pid", Integer.toString(pid), "ppid", Integer.toString(ppid), "comm", "kdevtmpfsi", "exe", "/tmp/kdevtmpfsi (deleted)",
            "args", "kdevtmpfsi", "evidenceStrength", "strong"));
  }

  private static ProcessInfo proc(int pid, int ppid, String comm, String args, String exe) {
    return new ProcessInfo(pid, ppid, "root", 1, 1, 1, "S", comm, args, exe);
  }

  @Test
  void cronShellParentIsNotAWatchdogAndDeletedExeIsNotQuarantined() {
    var snapshot = Snapshots.host(List.of(), List.of(Snapshots.INIT, proc(900, 1, "cron", "/usr/sbin/cron -f", "/usr/sbin/cron"),
        proc(950, 900, "sh", "sh -c /tmp/kdevtmpfsi", "/usr/bin/dash"), proc(990, 950, "kdevtmpfsi", "kdevtmpfsi", "/tmp/kdevtmpfsi (deleted)")),
        List.of(), List.of(), List.of());
    ContainmentPlan plan = ContainmentPlan.forFinding(miner(990, 950), snapshot, RemediationPolicy.defaults());
    assertEquals(List.of(new ContainmentPlan.Target(990, "kdevtmpfsi", "offender")), plan.processes());
    assertEquals(List.of(), plan.quarantine());
  }

  @Test
  void kernelThreadsAndInitAreRefused() {
    assertTrue(ContainmentPlan.forFinding(miner(1, 0), null, RemediationPolicy.defaults()).refusal().contains("init"));
    assertTrue(ContainmentPlan.forFinding(miner(77, 2), null, RemediationPolicy.defaults()).refusal().contains("kernel thread"));
  }

  @Test
  void aScriptDroppedInTmpIsQuarantinedWithItsInterpreter() {
    org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of("/tmp/xmrig"),
        ContainmentPlan.scriptInTempDir("/tmp/.X11-unix/.xm /tmp/xmrig --donate-level 1"));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.empty(), ContainmentPlan.scriptInTempDir("/usr/bin/python3 /opt/app/main.py"));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.empty(), ContainmentPlan.scriptInTempDir("/tmp/xmrig --donate-level 1"));
  }

  @Test
  void dropperScriptLosesEveryCronLineThatRunsItButNotTheShellNorOtherShellJobs() {
    var cron = List.of(new rack.model.HostSnapshot.CronEntry("/etc/cron.d/apache", "*/2 * * * * root /bin/sh /tmp/.ICE-unix/kinsing"),
        new rack.model.HostSnapshot.CronEntry("/var/spool/cron/crontabs/www-data", "@reboot sh /tmp/.ICE-unix/kinsing >/dev/null 2>&1"),
        new rack.model.HostSnapshot.CronEntry("/etc/crontab", "17 * * * * root cd / && run-parts --report /etc/cron.hourly"),
        new rack.model.HostSnapshot.CronEntry("/etc/cron.d/backup", "0 3 * * * root /bin/sh /usr/local/bin/backup"));
    ProcessInfo dropper = proc(5000, 1, "sh", "/bin/sh /tmp/.ICE-unix/kinsing", "/usr/bin/dash");
    ProcessInfo probeShell = proc(5100, 300, "sh", "sh -c ps -eww", "/usr/bin/dash");
    ProcessInfo respawned = proc(5200, 1, "sh", "sh /tmp/.ICE-unix/kinsing", "/usr/bin/dash");
    var snapshot = Snapshots.host(List.of(), List.of(Snapshots.INIT, dropper, probeShell, respawned), cron, List.of(), List.of());
    Finding f = new Finding("h", FindingKind.MINER_PROCESS, Severity.CRITICAL, "sh", "miner", List.of(),
        Map.of("pid", "5000", "ppid", "1", "comm", "sh", "exe", "/usr/bin/dash", "args", "/bin/sh /tmp/.ICE-unix/kinsing",
            "evidenceStrength", "strong"));
    ContainmentPlan plan = ContainmentPlan.forFinding(f, snapshot, RemediationPolicy.defaults());
    assertEquals(List.of(new rack.contain.PersistenceItem("cron", "/etc/cron.d/apache", "*/2 * * * * root /bin/sh /tmp/.ICE-unix/kinsing"),
        new rack.contain.PersistenceItem("cron", "/var/spool/cron/crontabs/www-data", "@reboot sh /tmp/.ICE-unix/kinsing >/dev/null 2>&1")),
        plan.persistence());
    assertEquals(List.of("/tmp/.ICE-unix/kinsing"), plan.quarantine(), "the script, never /usr/bin/dash");
    assertEquals(List.of(5000, 5200), plan.processes().stream().map(ContainmentPlan.Target::pid).toList(),
        "every shell running the same script, and no other shell");
  }
}
