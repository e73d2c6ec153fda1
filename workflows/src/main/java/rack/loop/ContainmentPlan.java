package rack.loop;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import rack.config.RemediationPolicy;
import rack.detect.ProcessEvidence;
import rack.contain.PersistenceItem;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ProcessInfo;

/**
 * What containing an anomaly means on this host right now (DESIGN A4.1, C8), decided before
 * anything is touched: the processes to stop and kill, the persistence to remove, the files to
 * quarantine, or why rack must not act at all.
 *
 * <p>Related persistence is found by name: the detector's baseline of allowed cron lines, units and
 * keys is not available to a loop, so a cron line, systemd ExecStart or ld.so.preload line counts as
 * the miner's when it runs its executable or script path, their base names or its command name
 * (as a whole word or path segment, wherever the line is: /etc/crontab, /etc/cron.d/*, user
 * crontabs, units). Names shorter than four characters are not matched (too many false friends:
 * "sh", "top"), nor an interpreter's own path. An interpreter is not quarantined, its script is.
 * An authorized_keys line cannot be tied to a process by name; it is removed by its own finding.
 *
 * @param processes watchdog parents first, then the offending processes: the kill order
 * @param refusal non-null when rack does not act alone
 * @param decidable the refusal is one a person may lift by approving (weak evidence, a process the
 *     policy protects); false for what nobody lifts (a changed host key, containment not allowed,
 *     init, kernel threads, sshd and the other built-in protected processes)
 */
record ContainmentPlan(
    List<Target> processes, List<PersistenceItem> persistence, List<String> quarantine, String refusal, boolean decidable) {

  ContainmentPlan(List<Target> processes, List<PersistenceItem> persistence, List<String> quarantine, String refusal) {
    this(processes, persistence, quarantine, refusal, false);
  }

  /** A process to stop and kill; {@code expectedCommand} is re-checked on the host before each signal. */
  record Target(int pid, String expectedCommand, String role) {}

  static final Set<FindingKind> PROCESS_KINDS =
      Set.of(FindingKind.MINER_PROCESS, FindingKind.SUSPICIOUS_PROCESS, FindingKind.UNKNOWN_CPU_PROCESS);
  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ash", "busybox");
  private static final int MIN_NAME = 4;

  boolean refused() {
    return refusal != null;
  }

  boolean nothingToDo() {
    return processes.isEmpty() && persistence.isEmpty() && quarantine.isEmpty();
  }

  static ContainmentPlan refuse(String why) {
    return new ContainmentPlan(List.of(), List.of(), List.of(), why, false);
  }

  /** Not alone: a person's approval lifts this (see {@link RemediationPolicy#approvedByPerson}). */
  static ContainmentPlan hold(String why) {
    return new ContainmentPlan(List.of(), List.of(), List.of(), why, true);
  }

  /** Built-in protection (init, kernel threads, sshd...) is never lifted; the policy's list is, by approval. */
  private static ContainmentPlan refuseProtected(int pid, Integer ppid, String comm, String exe, RemediationPolicy policy) {
    Optional<String> builtIn = ProtectedProcesses.refusal(pid, ppid, comm, exe, List.of());
    if (builtIn.isPresent()) return refuse(builtIn.get());
    return ProtectedProcesses.refusal(pid, ppid, comm, exe, policy.protectedProcesses()).map(ContainmentPlan::hold).orElse(null);
  }

  /**
   * The plan for a finding plus the persistence the same check found beside it (one compromise,
   * one loop: the monitor hands a miner's new cron line, unit and SSH key to the miner's loop).
   */
  static ContainmentPlan forFinding(Finding f, List<Finding> related, HostSnapshot snapshot, RemediationPolicy policy) {
    ContainmentPlan plan = forFinding(f, snapshot, policy);
    if (plan.refused() || related == null || related.isEmpty()) return plan;
    List<PersistenceItem> persistence = new ArrayList<>(plan.persistence());
    List<String> quarantine = new ArrayList<>(plan.quarantine());
    for (Finding r : related) {
      for (PersistenceItem item : persistenceFromFacts(r)) {
        if (persistence.contains(item)) continue;
        persistence.add(item);
        if ("systemd".equals(item.type()) && item.path() != null && !quarantine.contains(item.path())) quarantine.add(item.path());
      }
    }
    return new ContainmentPlan(plan.processes(), List.copyOf(persistence), List.copyOf(quarantine), null);
  }

  static ContainmentPlan forFinding(Finding f, HostSnapshot snapshot, RemediationPolicy policy) {
    if (f.kind() == FindingKind.HOST_KEY_CHANGED) {
      return refuse("a changed SSH host key is never acted on: verify it out of band before rack talks to the host again");
    }
    if (!policy.allows("contain-anomaly")) return refuse("policy does not allow contain-anomaly");
    boolean weak = "weak".equalsIgnoreCase(f.fact("evidenceStrength"));
    if (weak && !policy.killOnWeakEvidence()) {
      return hold("the evidence is weak (" + f.summary() + "): reported, not killed (killOnWeakEvidence is off)");
    }

    List<Target> targets = new ArrayList<>();
    List<PersistenceItem> persistence = new ArrayList<>(persistenceFromFacts(f));
    Set<String> quarantine = new LinkedHashSet<>();
    if (PROCESS_KINDS.contains(f.kind())) {
      List<ProcessInfo> offenders = offenders(f, snapshot);
      List<Target> watchdogs = new ArrayList<>();
      List<Target> miners = new ArrayList<>();
      for (ProcessInfo p : offenders) {
        ContainmentPlan refused = refuseProtected(p.pid(), p.ppid(), p.comm(), p.exe(), policy);
        if (refused != null) return refused;
        miners.add(new Target(p.pid(), commandOf(p), "offender"));
        // An interpreter running a dropped script is the system's own shell or python: the script is
        // the payload. A copy of an interpreter hidden in a temp dir is payload too.
        if (!ProcessEvidence.interpreter(p.exe()) || ProcessEvidence.inTempDir(p.exe())) addExecutable(quarantine, p.exe());
        scriptInTempDir(p.args()).ifPresent(quarantine::add);
        watchdog(p, snapshot, policy).ifPresent(parent -> {
          if (watchdogs.stream().noneMatch(w -> w.pid() == parent.pid()) && offenders.stream().noneMatch(o -> o.pid() == parent.pid())) {
            watchdogs.add(new Target(parent.pid(), commandOf(parent), "watchdog parent"));
          }
        });
      }
      if (offenders.isEmpty()) {
        Integer pid = PlannedAction.parsePid(f.fact("pid"));
        if (pid != null) {
          ContainmentPlan refused = refuseProtected(pid, PlannedAction.parsePid(f.fact("ppid")), f.fact("comm"), f.fact("exe"), policy);
          if (refused != null) return refused;
          miners.add(new Target(pid, f.fact("args") != null ? f.fact("args") : f.fact("comm"), "offender"));
        }
        if (!ProcessEvidence.interpreter(f.fact("exe")) || ProcessEvidence.inTempDir(f.fact("exe"))) addExecutable(quarantine, f.fact("exe"));
        scriptInTempDir(f.fact("args")).ifPresent(quarantine::add);
      }
      targets.addAll(watchdogs);
      targets.addAll(miners);
      persistence.addAll(relatedPersistence(needles(f, offenders), snapshot, persistence));
    }
    for (PersistenceItem item : persistence) {
      if ("systemd".equals(item.type()) && item.path() != null) quarantine.add(item.path());
    }
    return new ContainmentPlan(List.copyOf(targets), List.copyOf(persistence), List.copyOf(quarantine), null);
  }

  /** The processes the finding is about: its PID if it still runs the same thing, and any process running the same executable. */
  private static List<ProcessInfo> offenders(Finding f, HostSnapshot s) {
    if (s == null) return List.of();
    Integer pid = PlannedAction.parsePid(f.fact("pid"));
    String exe = clean(f.fact("exe"));
    String comm = f.fact("comm");
    List<ProcessInfo> found = new ArrayList<>();
    // An interpreter's executable is the system's shell or python: every shell on the host runs it, so
    // for a script the same thing means the same script, never the same /usr/bin/dash.
    String script = ProcessEvidence.script(new ProcessInfo(0, 0, null, 0, 0, 0, null, comm, f.fact("args"), f.fact("exe"))).orElse(null);
    boolean interpreter = ProcessEvidence.interpreter(f.fact("exe"));
    for (ProcessInfo p : s.processes()) {
      boolean samePid = pid != null && p.pid() == pid && (comm == null || comm.equals(p.comm()));
      boolean sameExe = interpreter
          ? script != null && script.equals(ProcessEvidence.script(p).orElse(null))
          : exe != null && exe.equals(clean(p.exe()));
      boolean sameName = comm != null && comm.length() >= MIN_NAME && comm.equals(p.comm());
      if (samePid || sameExe || sameName) found.add(p);
    }
    return found;
  }

  /**
   * A parent that keeps the offender alive: not init, not protected, not a plain shell. A shell
   * running a script file ({@code bash /tmp/.x/watch.sh}) is a watchdog; {@code sh -c ...} from cron
   * or a login shell is not.
   */
  private static Optional<ProcessInfo> watchdog(ProcessInfo child, HostSnapshot s, RemediationPolicy policy) {
    if (child.ppid() <= 1) return Optional.empty();
    Optional<ProcessInfo> parent = s.processes().stream().filter(p -> p.pid() == child.ppid()).findFirst();
    if (parent.isEmpty()) return Optional.empty();
    ProcessInfo p = parent.get();
    if (ProtectedProcesses.refusal(p.pid(), p.ppid(), p.comm(), p.exe(), policy.protectedProcesses()).isPresent()) {
      return Optional.empty();
    }
    if (Set.of("cron", "crond", "atd", "sudo", "su", "login").contains(p.comm())) return Optional.empty();
    if (SHELLS.contains(p.comm()) && !runsScript(p.args())) return Optional.empty();
    return parent;
  }

  private static boolean runsScript(String args) {
    if (args == null) return false;
    String[] words = args.trim().split("\\s+");
    return words.length >= 2 && !words[1].startsWith("-") && words[1].contains("/");
  }

  private static List<PersistenceItem> persistenceFromFacts(Finding f) {
    String path = f.fact("path");
    String line = f.fact("line");
    return switch (f.kind()) {
      case CRON_ADDED -> path != null && line != null ? List.of(new PersistenceItem("cron", path, line)) : List.of();
      case SYSTEMD_UNIT_ADDED -> path != null ? List.of(new PersistenceItem("systemd", path, unitName(f, path))) : List.of();
      // The probe knows a key by its fingerprint only; containment looks the exact line up on the host.
      case AUTHORIZED_KEY_ADDED -> path != null && (line != null || f.fact("sha256") != null)
          ? List.of(new PersistenceItem("authorized_key", path, line != null ? line : f.fact("sha256"))) : List.of();
      case LD_PRELOAD -> line != null
          ? List.of(new PersistenceItem("ld_preload", path != null ? path : "/etc/ld.so.preload", line)) : List.of();
      default -> List.of();
    };
  }

  private static String unitName(Finding f, String path) {
    String base = ProtectedProcesses.baseName(path);
    return base != null ? base : f.subject();
  }

  /**
   * What a persistence line names when it runs these processes: executable and script paths and
   * their base names ({@link ProcessEvidence#needles}), plus the command name. An interpreter's own
   * path ("/bin/sh") is not among them: it would tie every shell cron job to the dropper.
   */
  private static List<String> needles(Finding f, List<ProcessInfo> offenders) {
    Set<String> needles = new LinkedHashSet<>();
    needles.addAll(ProcessEvidence.needles(new ProcessInfo(0, 0, null, 0, 0, 0, null, f.fact("comm"), f.fact("args"), f.fact("exe"))));
    if (!ProcessEvidence.interpreter(f.fact("exe"))) addName(needles, f.fact("comm"));
    for (ProcessInfo p : offenders) {
      needles.addAll(ProcessEvidence.needles(p));
      if (!ProcessEvidence.interpreter(p.exe())) addName(needles, p.comm());
    }
    return List.copyOf(needles);
  }

  /** Every cron line (system, cron.d, user crontabs), unit and preload line that runs one of the needles. */
  private static List<PersistenceItem> relatedPersistence(List<String> needles, HostSnapshot s, List<PersistenceItem> already) {
    if (s == null || needles.isEmpty()) return List.of();
    List<PersistenceItem> related = new ArrayList<>();
    s.cronEntries().stream().filter(c -> c != null && ProcessEvidence.runs(c.line(), needles))
        .forEach(c -> related.add(new PersistenceItem("cron", c.source(), c.line())));
    s.systemdUnits().stream().filter(u -> u != null && (ProcessEvidence.runs(u.execStart(), needles) || ProcessEvidence.runs(u.name(), needles)))
        .forEach(u -> related.add(new PersistenceItem("systemd", u.path(), u.name())));
    s.ldPreload().stream().filter(l -> ProcessEvidence.runs(l, needles))
        .forEach(l -> related.add(new PersistenceItem("ld_preload", "/etc/ld.so.preload", l)));
    related.removeIf(already::contains);
    return related;
  }

  private static void addName(Set<String> names, String name) {
    if (name != null && name.length() >= MIN_NAME && !name.startsWith("[")) names.add(name);
  }

  /** A deleted executable cannot be moved; its digest was captured through /proc/PID/exe. */
  /**
   * An interpreter running a dropped script ({@code sh /tmp/x}, {@code python3 /dev/shm/m.py}): the
   * script is the payload, so it goes to quarantine beside the interpreter's executable.
   */
  static Optional<String> scriptInTempDir(String args) {
    if (args == null) return Optional.empty();
    String[] words = args.trim().split("\\s+");
    if (words.length < 2) return Optional.empty();
    String script = words[1];
    boolean temp = script.startsWith("/tmp/") || script.startsWith("/var/tmp/") || script.startsWith("/dev/shm/");
    return temp && !script.contains("..") ? Optional.of(script) : Optional.empty();
  }

  private static void addExecutable(Set<String> quarantine, String exe) {
    if (exe != null && !exe.isBlank() && !exe.endsWith("(deleted)")) quarantine.add(exe);
  }

  private static String clean(String exe) {
    return exe == null || exe.isBlank() ? null : exe.replace(" (deleted)", "");
  }

  private static String commandOf(ProcessInfo p) {
    return p.args() != null && !p.args().isBlank() ? p.args() : p.comm();
  }
}
