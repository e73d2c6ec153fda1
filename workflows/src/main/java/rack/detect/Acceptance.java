package rack.detect;

import java.util.ArrayList;
import java.util.List;
import rack.model.Finding;
import rack.model.HostSnapshot.CronEntry;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.HostSnapshot.SystemdUnit;

/**
 * How a dismissed finding becomes part of the host's baseline, and how it is forgotten again. Pure,
 * so the monitor workflow applies it to its own state. The keys are the ones the scans compare:
 * a process by {@code comm<TAB>executable<TAB>script} (the same name from another binary is still
 * flagged), a cron line by {@code file<TAB>line}, a unit by {@code name<TAB>ExecStart}, a key by
 * {@code file<TAB>sha256}, a preload line by itself.
 */
public final class Acceptance {
  private Acceptance() {}

  /** What dismissing these findings teaches the baseline. */
  public static List<AcceptedEntry> entriesFor(List<Finding> findings, String loopId, String by, long atMillis) {
    List<AcceptedEntry> out = new ArrayList<>();
    for (Finding f : findings) {
      String key = keyOf(f);
      String kind = kindOf(f);
      if (key == null || kind == null) continue;
      AcceptedEntry e = new AcceptedEntry(kind, key, loopId, by, atMillis);
      if (out.stream().noneMatch(e::sameAs)) out.add(e);
    }
    return out;
  }

  public static Baselines accept(Baselines b, List<AcceptedEntry> entries) {
    List<AcceptedEntry> all = new ArrayList<>(b.accepted());
    for (AcceptedEntry e : entries) {
      if (e != null && e.kind() != null && e.key() != null && all.stream().noneMatch(e::sameAs)) all.add(e);
    }
    return b.withAccepted(all);
  }

  /** Forgets what one loop's dismissal taught (or everything with {@code loopId} "all"). */
  public static Baselines forget(Baselines b, String loopId) {
    List<AcceptedEntry> kept = b.accepted().stream()
        .filter(e -> !"all".equals(loopId) && !e.loopId().equals(loopId)).toList();
    return b.withAccepted(kept);
  }

  static String processKey(ProcessInfo p) {
    String exe = ProcessEvidence.cleanExe(p.exe());
    return ProcessScan.nameOf(p) + "\t" + (exe == null ? "" : exe) + "\t" + ProcessEvidence.script(p).orElse("");
  }

  static boolean accepted(Baselines b, String kind, String key) {
    return b.accepted().stream().anyMatch(e -> kind.equals(e.kind()) && key.equals(e.key()));
  }

  private static String kindOf(Finding f) {
    return switch (f.kind()) {
      case MINER_PROCESS, SUSPICIOUS_PROCESS, UNKNOWN_CPU_PROCESS -> AcceptedEntry.PROCESS;
      case CRON_ADDED -> AcceptedEntry.CRON;
      case SYSTEMD_UNIT_ADDED -> AcceptedEntry.SYSTEMD;
      case AUTHORIZED_KEY_ADDED -> AcceptedEntry.AUTHORIZED_KEY;
      case LD_PRELOAD -> AcceptedEntry.LD_PRELOAD;
      default -> null;
    };
  }

  private static String keyOf(Finding f) {
    return switch (f.kind()) {
      case MINER_PROCESS, SUSPICIOUS_PROCESS, UNKNOWN_CPU_PROCESS -> f.fact("comm") == null && f.fact("exe") == null ? null
          : processKey(new ProcessInfo(0, 0, null, 0, 0, 0, null, f.fact("comm"), f.fact("args"), f.fact("exe")));
      case CRON_ADDED -> f.fact("path") == null || f.fact("line") == null ? null
          : PersistenceCheck.key(new CronEntry(f.fact("path"), f.fact("line")));
      case SYSTEMD_UNIT_ADDED -> PersistenceCheck.key(new SystemdUnit(f.subject(), f.fact("path"), execStart(f.fact("line"))));
      case AUTHORIZED_KEY_ADDED -> f.fact("path") == null || f.fact("sha256") == null ? null : f.fact("path").strip() + "\t" + f.fact("sha256");
      case LD_PRELOAD -> f.fact("line");
      default -> null;
    };
  }

  private static String execStart(String line) {
    if (line == null) return null;
    return line.startsWith("ExecStart=") ? line.substring("ExecStart=".length()) : line;
  }
}
