package rack.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import rack.config.Thresholds;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.Severity;

/**
 * The process half of the infrastructure anomaly scan (DESIGN C8): miners, processes hiding in
 * temp directories or behind kernel-thread names, and unknown processes using a lot of CPU for
 * several checks. Findings are per process name (comm), not per PID, so the fingerprint stays the
 * same when a miner respawns; the PIDs are facts.
 */
final class ProcessScan {
  private final Thresholds thresholds;

  ProcessScan(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** Adds findings to {@code out}; returns the CPU streaks of unknown processes for the next check. */
  Map<String, Integer> evaluate(HostSnapshot snapshot, Set<String> knownProcesses, Map<String, Integer> previousStreaks,
      List<Finding> out) {
    Map<String, List<ProcessInfo>> byName = new TreeMap<>();
    for (ProcessInfo p : snapshot.processes()) {
      if (p == null) continue;
      byName.computeIfAbsent(nameOf(p), k -> new ArrayList<>()).add(p);
    }
    Map<String, Integer> streaks = new TreeMap<>();
    for (Map.Entry<String, List<ProcessInfo>> entry : byName.entrySet()) {
      String name = entry.getKey();
      List<ProcessInfo> processes = entry.getValue().stream().sorted(Comparator.comparingInt(ProcessInfo::pid)).toList();
      if (reportMiner(snapshot, name, processes, out)) continue;
      if (reportSuspicious(snapshot.host(), name, processes, out)) continue;
      trackUnknownCpu(snapshot.host(), name, processes, knownProcesses, previousStreaks, streaks, out);
    }
    return streaks;
  }

  static String nameOf(ProcessInfo p) {
    if (p.comm() != null && !p.comm().isBlank()) return p.comm().strip();
    if (p.exe() != null && !p.exe().isBlank()) return p.exe().substring(p.exe().lastIndexOf('/') + 1);
    return "unnamed";
  }

  private boolean reportMiner(HostSnapshot snapshot, String name, List<ProcessInfo> processes, List<Finding> out) {
    Map<ProcessInfo, MinerSignatures.Verdict> miners = new LinkedHashMap<>();
    for (ProcessInfo p : processes) {
      MinerSignatures.Verdict v = MinerSignatures.inspect(p, snapshot.sockets(), thresholds.unknownProcessCpuPercent());
      if (v.miner()) miners.put(p, v);
    }
    if (miners.isEmpty()) return false;
    boolean strong = miners.values().stream().anyMatch(MinerSignatures.Verdict::strong);
    ProcessInfo first = miners.keySet().iterator().next();
    MinerSignatures.Verdict firstVerdict = miners.get(first);
    FindingBuilder b = FindingBuilder.of(snapshot.host(), FindingKind.MINER_PROCESS, Severity.CRITICAL, name)
        .summary("cryptominer process " + name + " (" + firstVerdict.signs().get(0) + ", " + (strong ? "strong" : "weak")
            + " evidence)")
        .fact("evidenceStrength", strong ? "strong" : "weak")
        .measured(String.join("; ", firstVerdict.signs()), "no miner indicators");
    processFacts(b, first, miners.keySet());
    for (Map.Entry<ProcessInfo, MinerSignatures.Verdict> e : miners.entrySet()) {
      b.evidence(psLine(e.getKey()));
      e.getValue().signs().forEach(s -> b.evidence("  indicator: " + s));
      e.getValue().corroboration().forEach(s -> b.evidence("  corroboration: " + s));
    }
    out.add(b.build());
    return true;
  }

  /**
   * An executable in /tmp, /var/tmp or /dev/shm, or a user process wearing a kernel-thread name.
   * A deleted executable alone is not enough: package upgrades leave long-running daemons with
   * "(deleted)" binaries all the time. It only corroborates other signs.
   */
  private boolean reportSuspicious(String host, String name, List<ProcessInfo> processes, List<Finding> out) {
    List<ProcessInfo> suspicious = processes.stream()
        .filter(p -> MinerSignatures.inTempDir(p.exe()) || MinerSignatures.fakeKernelThread(p)).toList();
    if (suspicious.isEmpty()) return false;
    ProcessInfo first = suspicious.get(0);
    String why = MinerSignatures.inTempDir(first.exe())
        ? "runs from " + first.exe() : "hides behind the kernel-thread name " + first.args();
    FindingBuilder b = FindingBuilder.of(host, FindingKind.SUSPICIOUS_PROCESS, Severity.HIGH, name)
        .summary("suspicious process " + name + " " + why)
        .fact("evidenceStrength", MinerSignatures.inTempDir(first.exe()) && MinerSignatures.fakeKernelThread(first) ? "strong" : "weak")
        .measured(why, "executables outside temp directories, real kernel threads");
    processFacts(b, first, suspicious);
    suspicious.forEach(p -> b.evidence(psLine(p)));
    out.add(b.build());
    return true;
  }

  /** Unknown = not running at the first check. Reported after {@code unknownProcessSustainedChecks} checks in a row above the CPU threshold. */
  private void trackUnknownCpu(String host, String name, List<ProcessInfo> processes, Set<String> known,
      Map<String, Integer> previousStreaks, Map<String, Integer> streaks, List<Finding> out) {
    if (known.contains(name)) return;
    List<ProcessInfo> hot = processes.stream()
        .filter(p -> p.cpuPercent() > thresholds.unknownProcessCpuPercent() && p.ppid() != 2 && p.pid() != 2).toList();
    if (hot.isEmpty()) return;
    int streak = previousStreaks.getOrDefault(name, 0) + 1;
    streaks.put(name, streak);
    if (streak < Math.max(1, thresholds.unknownProcessSustainedChecks())) return;
    ProcessInfo first = hot.get(0);
    FindingBuilder b = FindingBuilder.of(host, FindingKind.UNKNOWN_CPU_PROCESS, Severity.MEDIUM, name)
        .summary("unknown process " + name + " at " + Measured.percent(first.cpuPercent()) + " CPU for " + streak
            + " checks (threshold " + Measured.percent(thresholds.unknownProcessCpuPercent()) + " for "
            + thresholds.unknownProcessSustainedChecks() + " checks)")
        .fact("evidenceStrength", "weak")
        .fact("consecutiveChecks", streak)
        .measured(Measured.percent(first.cpuPercent()), Measured.percent(thresholds.unknownProcessCpuPercent()));
    processFacts(b, first, hot);
    hot.forEach(p -> b.evidence(psLine(p)));
    b.evidence("not running at the first check of this host");
    out.add(b.build());
  }

  private static void processFacts(FindingBuilder b, ProcessInfo first, Iterable<ProcessInfo> all) {
    Set<Integer> pids = new TreeSet<>();
    all.forEach(p -> pids.add(p.pid()));
    b.fact("pid", first.pid())
        .fact("ppid", first.ppid())
        .fact("user", first.user())
        .fact("comm", first.comm())
        .fact("exe", first.exe())
        .fact("args", first.args())
        .fact("pids", pids.size() > 1 ? String.join(",", pids.stream().map(String::valueOf).toList()) : null);
  }

  private static String psLine(ProcessInfo p) {
    return "ps: pid " + p.pid() + " ppid " + p.ppid() + " user " + p.user() + " cpu " + Measured.percent(p.cpuPercent())
        + " age " + p.elapsedSeconds() + "s exe " + p.exe() + " args " + p.args();
  }
}
