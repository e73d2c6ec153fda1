package rack.loop;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import rack.contain.PersistenceItem;
import rack.detect.ProcessEvidence;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;

/**
 * The anomaly is back when the re-scan finds the same class of compromise (a miner or suspicious
 * process for a process finding, new persistence of the same type for a persistence finding), or
 * when what was contained is on the host again: a process running the contained executable or
 * name, or a removed cron line, unit or preload line. The second test needs no detector baseline,
 * which a loop does not have.
 */
final class AnomalyRecurrence implements Recurrence {
  private static final Set<FindingKind> PROCESS_CLASS = Set.of(FindingKind.MINER_PROCESS, FindingKind.SUSPICIOUS_PROCESS);
  private static final Set<FindingKind> PERSISTENCE_CLASS = Set.of(
      FindingKind.CRON_ADDED, FindingKind.SYSTEMD_UNIT_ADDED, FindingKind.LD_PRELOAD, FindingKind.AUTHORIZED_KEY_ADDED);

  private final Finding original;
  private final ContainmentPlan contained;

  AnomalyRecurrence(Finding original, ContainmentPlan contained) {
    this.original = original;
    this.contained = contained;
  }

  @Override
  public Optional<Sighting> check(HostSnapshot snapshot, List<Finding> findings) {
    for (Finding f : findings) {
      if (f.fingerprint().equals(original.fingerprint()) || sameClass(f.kind())) {
        return Optional.of(new Sighting(f.summary(), f));
      }
    }
    return artifactsBack(snapshot);
  }

  private boolean sameClass(FindingKind kind) {
    FindingKind mine = original.kind();
    if (ContainmentPlan.PROCESS_KINDS.contains(mine)) return PROCESS_CLASS.contains(kind);
    if (PERSISTENCE_CLASS.contains(mine)) return kind == mine;
    return false;
  }

  private Optional<Sighting> artifactsBack(HostSnapshot s) {
    if (s == null || !s.reachable()) return Optional.empty();
    String exe = original.fact("exe") == null ? null : original.fact("exe").replace(" (deleted)", "");
    String comm = original.fact("comm");
    String script = original.fact("script");
    // A script run by sh or python is that script, not every sh or python: the interpreter's exe and
    // name are shared with the host's own shells (rack's check runs `sh -s`: seen in the lab as a
    // "recurrence" of a contained dropper).
    boolean interpreted = script != null || ProcessEvidence.interpreter(exe);
    for (HostSnapshot.ProcessInfo p : s.processes()) {
      boolean same;
      if (interpreted) {
        same = script != null && ProcessEvidence.script(p).map(script::equals).orElse(false);
      } else {
        boolean sameExe = exe != null && p.exe() != null && exe.equals(p.exe().replace(" (deleted)", ""));
        boolean sameName = comm != null && comm.length() >= 4 && comm.equals(p.comm());
        same = sameExe || sameName;
      }
      if (same) {
        return Optional.of(new Sighting("process " + p.comm() + " (pid " + p.pid() + ") runs again: " + p.args(),
            processFinding(p)));
      }
    }
    for (PersistenceItem item : contained.persistence()) {
      boolean back = switch (item.type()) {
        case "cron" -> s.cronEntries().stream().anyMatch(c -> c.line().equals(item.match()));
        case "systemd" -> s.systemdUnits().stream().anyMatch(u -> u.name().equals(item.match()));
        case "ld_preload" -> s.ldPreload().contains(item.match());
        default -> false;
      };
      if (back) return Optional.of(new Sighting(item.type() + " persistence is back in " + item.path() + ": " + item.match(), null));
    }
    return Optional.empty();
  }

  /** The original finding re-pointed at the process now running, so containment can act on it again. */
  private Finding processFinding(HostSnapshot.ProcessInfo p) {
    var facts = new java.util.TreeMap<>(original.facts());
    facts.put("pid", Integer.toString(p.pid()));
    facts.put("ppid", Integer.toString(p.ppid()));
    if (p.args() != null) facts.put("args", p.args());
    if (p.exe() != null) facts.put("exe", p.exe());
    if (p.comm() != null) facts.put("comm", p.comm());
    return new Finding(original.host(), original.kind(), original.severity(), original.subject(), original.summary(),
        original.evidence(), facts);
  }
}
