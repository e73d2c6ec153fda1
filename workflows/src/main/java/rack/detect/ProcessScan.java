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
 * temp directories or behind kernel-thread names (scored by {@link ProcessEvidence}), and unknown
 * processes using a lot of CPU for several checks. Processes a person accepted are skipped. Findings are per process name (comm), not per PID, so the fingerprint stays the
 * same when a miner respawns; the PIDs are facts.
 */
final class ProcessScan {
  private final Thresholds thresholds;

  ProcessScan(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** Adds findings to {@code out}; returns the CPU streaks of unknown processes for the next check. */
  Map<String, Integer> evaluate(HostSnapshot snapshot, Set<String> knownProcesses, Baselines baselines,
      Map<String, Integer> previousStreaks, List<Finding> out) {
    Map<String, List<ProcessInfo>> byName = new TreeMap<>();
    for (ProcessInfo p : snapshot.processes()) {
      if (p == null) continue;
      // A person dismissed this exact process (name, executable, script) as a false positive.
      if (Acceptance.accepted(baselines, AcceptedEntry.PROCESS, Acceptance.processKey(p))) continue;
      byName.computeIfAbsent(nameOf(p), k -> new ArrayList<>()).add(p);
    }
    Map<String, Integer> streaks = new TreeMap<>();
    for (Map.Entry<String, List<ProcessInfo>> entry : byName.entrySet()) {
      String name = entry.getKey();
      List<ProcessInfo> processes = entry.getValue().stream().sorted(Comparator.comparingInt(ProcessInfo::pid)).toList();
      if (reportCompromise(snapshot, name, processes, out)) continue;
      trackUnknownCpu(snapshot.host(), name, processes, knownProcesses, previousStreaks, streaks, out);
    }
    return streaks;
  }

  static String nameOf(ProcessInfo p) {
    if (p.comm() != null && !p.comm().isBlank()) return p.comm().strip();
    if (p.exe() != null && !p.exe().isBlank()) return p.exe().substring(p.exe().lastIndexOf('/') + 1);
    return "unnamed";
  }

  /**
   * Scores every process of this name ({@link ProcessEvidence}) and reports the group once when any
   * shows a miner sign or a trigger: MINER_PROCESS with a miner sign, else SUSPICIOUS_PROCESS. The
   * group is strong when any of its processes is; the best-scored process leads the finding.
   */
  private boolean reportCompromise(HostSnapshot snapshot, String name, List<ProcessInfo> processes, List<Finding> out) {
    Map<ProcessInfo, ProcessEvidence.Score> scored = new LinkedHashMap<>();
    for (ProcessInfo p : processes) {
      ProcessEvidence.Score score = ProcessEvidence.of(p, snapshot, thresholds.unknownProcessCpuPercent());
      if (score.reportable()) scored.put(p, score);
    }
    if (scored.isEmpty()) return false;
    ProcessInfo first = scored.keySet().iterator().next();
    for (Map.Entry<ProcessInfo, ProcessEvidence.Score> e : scored.entrySet()) {
      ProcessEvidence.Score lead = scored.get(first);
      boolean better = e.getValue().strong() && !lead.strong() || e.getValue().points() > lead.points() && e.getValue().strong() == lead.strong();
      if (better) first = e.getKey();
    }
    ProcessEvidence.Score score = scored.get(first);
    boolean strong = scored.values().stream().anyMatch(ProcessEvidence.Score::strong);
    boolean miner = scored.values().stream().anyMatch(ProcessEvidence.Score::miner);
    String strength = strong ? "strong" : "weak";
    String signs = String.join(", ", score.found().stream().map(f -> f.sign().label).toList());
    FindingBuilder b = miner
        ? FindingBuilder.of(snapshot.host(), FindingKind.MINER_PROCESS, Severity.CRITICAL, name)
            .summary("cryptominer process " + name + ": " + score.found().get(0).detail() + " (" + strength + " evidence: " + signs
                + "; " + score.points() + " points)")
        : FindingBuilder.of(snapshot.host(), FindingKind.SUSPICIOUS_PROCESS, Severity.HIGH, name)
            .summary("suspicious process " + name + " " + why(first, score) + " (" + strength + " evidence: " + signs + "; "
                + score.points() + " points)");
    b.fact("evidenceStrength", strength)
        .fact("evidenceScore", score.points())
        .fact("signs", score.signNames())
        .fact("script", ProcessEvidence.script(first).orElse(null))
        .measured(String.join("; ", score.found().stream().map(ProcessEvidence.Found::line).toList()),
            ProcessEvidence.STRONG_POINTS + " points from two signs, or a pool protocol, is strong");
    processFacts(b, first, scored.keySet());
    for (Map.Entry<ProcessInfo, ProcessEvidence.Score> e : scored.entrySet()) {
      b.evidence(psLine(e.getKey()));
      e.getValue().found().forEach(f -> b.evidence("  sign: " + f.line()));
      b.evidence("  score: " + e.getValue().points() + " points, " + e.getValue().strength());
    }
    out.add(b.build());
    return true;
  }

  /** The most telling trigger in words, for the summary. */
  private static String why(ProcessInfo p, ProcessEvidence.Score score) {
    if (score.has(ProcessEvidence.Sign.KERNEL_THREAD_NAME)) return "hides behind the kernel-thread name " + (p.args() == null || p.args().isBlank() ? p.comm() : p.args());
    if (score.has(ProcessEvidence.Sign.TEMP_EXE)) return "runs from " + p.exe();
    return "runs the script " + ProcessEvidence.script(p).orElse("?") + " with " + p.exe();
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
