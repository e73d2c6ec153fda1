package rack.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ProcessInfo;

/**
 * What one process shows of a compromise, as signs that real intrusions leave (DESIGN C8; the
 * shapes of Kinsing and TeamTNT-style droppers), each named in the finding with its weight.
 *
 * <p>The rule, in points:
 * <pre>
 *   sign                                                                   points  kind
 *   command line speaks a pool protocol (stratum+tcp/ssl, --donate-level)    4     miner (conclusive alone)
 *   name of a known miner (comm, exe, argv[0] or the script an interpreter runs) 2 miner
 *   command line names a pool port (host:3333 ...)                           2     miner
 *   executable in a world-writable temp dir or on a noexec-worthy mount      2     trigger
 *     (/tmp, /var/tmp, /dev/shm, /run/shm, /dev/mqueue, /run/user)
 *   script in such a dir run by an interpreter (sh, bash, dash, busybox,     2     trigger
 *     python*, perl ...)
 *   kernel-thread name ([bracketed] argv, or a kernel thread's comm such      3     trigger
 *     as kswapd0) on a process with a user-space executable
 *   executable deleted after start                                           2     corroboration
 *   a cron line, systemd ExecStart or ld.so.preload line runs the same path  2     corroboration
 *     or basename
 *   connected to a pool port (ss)                                            2     corroboration
 *   parent is a watchdog that respawns it (a shell running a script file,    1     corroboration
 *     or a parent whose executable is itself in a temp dir)
 *   CPU at or above the unknown-process threshold: sustained (>= 60 s)       2     corroboration
 *     at first sight (younger)                                               1
 * </pre>
 * CPU counts only for a process that already shows a miner or trigger sign: busy is normal.
 *
 * <p><b>Strong</b> = at least {@value #STRONG_POINTS} points from at least two different signs, or a
 * pool protocol argument (no legitimate program speaks stratum). Everything else is weak, and weak
 * evidence is never acted on alone: the loop asks a person. A process is reported at all only with a
 * miner or trigger sign; corroborations alone (a daemon whose binary was upgraded under it shows
 * "(deleted)") are not findings. So a plain user process in /tmp is weak (2 points), a binary in
 * /var/tmp deleted after start and named like kswapd0 is strong (7 and more), and a miner script run
 * by sh from /tmp with a cron.d line for it is strong (6).
 */
public final class ProcessEvidence {
  static final int STRONG_POINTS = 4;
  /** ps %CPU is the lifetime average, so a minimum age is what makes it "sustained". */
  static final long SUSTAINED_MIN_AGE_SECONDS = 60;
  /** A process younger than this is not judged by a bracketed name (see {@link #kernelThreadName}). */
  static final long DISGUISE_MIN_AGE_SECONDS = 2;
  static final List<String> TEMP_DIRS = List.of("/tmp/", "/var/tmp/", "/dev/shm/", "/run/shm/", "/dev/mqueue/", "/run/user/");
  private static final Set<String> INTERPRETERS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "busybox", "perl");
  /** Kernel threads attackers name their miners after (and the families ps shows by the hundred). */
  private static final Set<String> KERNEL_THREADS = Set.of("kthreadd", "kswapd0", "kswapd1", "kdevtmpfs", "khugepaged",
      "ksmd", "kauditd", "kblockd", "kintegrityd", "kcompactd0", "oom_reaper", "writeback", "netns", "rcu_sched",
      "rcu_bh", "rcu_gp", "rcu_par_gp", "kthrotld", "khungtaskd", "kworker", "ksoftirqd");
  private static final List<String> KERNEL_THREAD_FAMILIES =
      List.of("kworker/", "ksoftirqd/", "migration/", "watchdog/", "cpuhp/", "irq/", "jbd2/", "kswapd", "kcompactd", "rcuop/");
  private static final Set<String> NOT_WATCHDOGS = Set.of("cron", "crond", "atd", "sudo", "su", "login", "sshd", "systemd", "init");

  enum Sign {
    POOL_PROTOCOL(4, "pool protocol"),
    MINER_NAME(2, "known miner name"),
    POOL_PORT_ARG(2, "pool port in arguments"),
    TEMP_EXE(2, "executable in a temp dir"),
    TEMP_SCRIPT(2, "interpreter runs a script from a temp dir"),
    KERNEL_THREAD_NAME(3, "kernel-thread name on a user process"),
    DELETED_EXE(2, "executable deleted after start"),
    PERSISTENCE(2, "persistence entry runs it"),
    POOL_CONNECTION(2, "connected to a pool port"),
    WATCHDOG_PARENT(1, "watchdog parent"),
    CPU_SUSTAINED(2, "sustained CPU"),
    CPU_AT_FIRST_SIGHT(1, "high CPU at first sight");

    final int points;
    final String label;

    Sign(int points, String label) {
      this.points = points;
      this.label = label;
    }

    boolean miner() {
      return this == POOL_PROTOCOL || this == MINER_NAME || this == POOL_PORT_ARG;
    }

    boolean trigger() {
      return this == TEMP_EXE || this == TEMP_SCRIPT || this == KERNEL_THREAD_NAME;
    }
  }

  /** One sign seen on one process, with what was seen. */
  record Found(Sign sign, String detail) {
    String line() {
      return sign.label + " (+" + sign.points + "): " + detail;
    }
  }

  /** All signs of one process; see the class comment for the rule. */
  record Score(List<Found> found) {
    int points() {
      return found.stream().mapToInt(f -> f.sign().points).sum();
    }

    boolean has(Sign sign) {
      return found.stream().anyMatch(f -> f.sign() == sign);
    }

    boolean miner() {
      return found.stream().anyMatch(f -> f.sign().miner());
    }

    /** Worth a finding: a miner sign or a trigger; corroborations alone are not. */
    boolean reportable() {
      return found.stream().anyMatch(f -> f.sign().miner() || f.sign().trigger());
    }

    boolean strong() {
      if (has(Sign.POOL_PROTOCOL)) return true;
      long distinct = found.stream().map(Found::sign).distinct().count();
      return distinct >= 2 && points() >= STRONG_POINTS;
    }

    String strength() {
      return strong() ? "strong" : "weak";
    }

    /** "MINER_NAME,TEMP_EXE" for the finding's facts. */
    String signNames() {
      return String.join(",", found.stream().map(f -> f.sign().name()).toList());
    }
  }

  private ProcessEvidence() {}

  static Score of(ProcessInfo p, HostSnapshot snapshot, double cpuThreshold) {
    List<Found> found = new ArrayList<>();
    String args = lower(p.args());
    for (String protocol : List.of("stratum+tcp://", "stratum+ssl://", "stratum2+tcp://", "--donate-level")) {
      if (args.contains(protocol)) {
        found.add(new Found(Sign.POOL_PROTOCOL, "command line uses " + protocol.replace("://", "")));
        break;
      }
    }
    String name = MinerSignatures.minerName(p);
    if (name != null) found.add(new Found(Sign.MINER_NAME, "name matches known miner '" + name + "'"));
    Integer port = MinerSignatures.poolPortInArgs(args);
    if (port != null) found.add(new Found(Sign.POOL_PORT_ARG, "command line names pool port " + port));

    if (inTempDir(p.exe())) found.add(new Found(Sign.TEMP_EXE, "executable " + p.exe()));
    script(p).filter(ProcessEvidence::inTempDir)
        .ifPresent(s -> found.add(new Found(Sign.TEMP_SCRIPT, baseName(p.exe()) + " runs " + s)));
    if (kernelThreadName(p)) {
      found.add(new Found(Sign.KERNEL_THREAD_NAME, "shown as " + shownName(p) + " but runs " + p.exe()));
    }
    if (deleted(p.exe())) found.add(new Found(Sign.DELETED_EXE, p.exe()));
    persistence(p, snapshot).ifPresent(entry -> found.add(new Found(Sign.PERSISTENCE, entry)));
    String pool = MinerSignatures.poolConnection(p.pid(), snapshot.sockets());
    if (pool != null) found.add(new Found(Sign.POOL_CONNECTION, pool));
    watchdog(p, snapshot).ifPresent(w -> found.add(new Found(Sign.WATCHDOG_PARENT, w)));

    boolean suspectAlready = found.stream().anyMatch(f -> f.sign().miner() || f.sign().trigger());
    if (suspectAlready && p.cpuPercent() >= cpuThreshold) {
      if (p.elapsedSeconds() >= SUSTAINED_MIN_AGE_SECONDS) {
        found.add(new Found(Sign.CPU_SUSTAINED, Measured.percent(p.cpuPercent()) + " over " + p.elapsedSeconds() + " s"));
      } else {
        found.add(new Found(Sign.CPU_AT_FIRST_SIGHT, Measured.percent(p.cpuPercent()) + " after " + p.elapsedSeconds() + " s"));
      }
    }
    return new Score(List.copyOf(found));
  }

  public static boolean inTempDir(String path) {
    String e = lower(path);
    return TEMP_DIRS.stream().anyMatch(e::startsWith);
  }

  static boolean deleted(String exe) {
    return lower(exe).endsWith("(deleted)");
  }

  /** The executable without the kernel's " (deleted)" suffix, or null. */
  static String cleanExe(String exe) {
    return exe == null || exe.isBlank() ? null : exe.replace(" (deleted)", "").strip();
  }

  public static boolean interpreter(String exe) {
    String base = baseName(cleanExe(exe));
    if (base == null) return false;
    String b = base.toLowerCase(Locale.ROOT);
    return INTERPRETERS.contains(b) || b.matches("python[0-9.]*") || b.matches("perl[0-9.]*");
  }

  /**
   * The script an interpreter runs: the first argument that is a path and not an option
   * ({@code sh /tmp/.k/k.sh}, {@code python3 -u /dev/shm/m.py}). {@code sh -c '...'} runs no file.
   */
  public static Optional<String> script(ProcessInfo p) {
    if (!interpreter(p.exe()) || p.args() == null) return Optional.empty();
    String[] words = p.args().strip().split("\\s+");
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      if (w.equals("-c") || w.equals("-e") || w.equals("-E")) return Optional.empty();
      if (w.startsWith("-")) continue;
      return w.startsWith("/") && !w.contains("..") ? Optional.of(w) : Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * A name in brackets like "[kworker/0:1]" is how ps shows kernel threads, and a kernel thread has
   * no executable and is a child of kthreadd (pid 2). A process with a user-space executable that
   * wears brackets, or the comm of a kernel thread, is hiding.
   */
  static boolean kernelThreadName(ProcessInfo p) {
    // ps also brackets the name of a process whose command line is gone: a zombie, or one exiting
    // right now (such as the probe's own short commands). Those have no executable left; a user
    // process disguised as a kernel thread still has one.
    if (p.exe() == null || p.exe().isBlank() || (p.stat() != null && p.stat().startsWith("Z"))) return false;
    // ps and the exe links are separate reads: a command that exits between them (the probe's own
    // `docker ...`, 0 s old) shows a bracketed name and still an executable. A disguise that lasts
    // is seen by this check or the next.
    if (p.elapsedSeconds() < DISGUISE_MIN_AGE_SECONDS) return false;
    if (p.pid() == 2 || p.ppid() == 2) return false;
    String shown = shownName(p);
    if (shown.startsWith("[") && shown.endsWith("]")) return true;
    String comm = p.comm() == null ? "" : p.comm().strip();
    if (comm.startsWith("[") && comm.endsWith("]")) comm = comm.substring(1, comm.length() - 1);
    return KERNEL_THREADS.contains(comm) || KERNEL_THREAD_FAMILIES.stream().anyMatch(comm::startsWith);
  }

  private static String shownName(ProcessInfo p) {
    String shown = p.args() == null || p.args().isBlank() ? p.comm() : p.args();
    return shown == null ? "" : shown.strip();
  }

  /** The first cron line, ExecStart or preload line that runs this process's executable or script. */
  private static Optional<String> persistence(ProcessInfo p, HostSnapshot s) {
    List<String> needles = needles(p);
    if (needles.isEmpty()) return Optional.empty();
    for (HostSnapshot.CronEntry c : s.cronEntries()) {
      if (c != null && runs(c.line(), needles)) return Optional.of(c.source() + ": " + c.line());
    }
    for (HostSnapshot.SystemdUnit u : s.systemdUnits()) {
      if (u != null && runs(u.execStart(), needles)) return Optional.of((u.path() == null ? u.name() : u.path()) + ": ExecStart=" + u.execStart());
    }
    for (String line : s.ldPreload()) {
      if (runs(line, needles)) return Optional.of("/etc/ld.so.preload: " + line);
    }
    return Optional.empty();
  }

  /**
   * What a persistence line would name to run this process: the executable and script paths and their
   * base names. An interpreter's own path ("/bin/sh") says nothing, and names shorter than four
   * characters have too many false friends.
   */
  public static List<String> needles(ProcessInfo p) {
    List<String> needles = new ArrayList<>();
    if (!interpreter(p.exe())) {
      String exe = cleanExe(p.exe());
      addNeedle(needles, exe);
      addNeedle(needles, baseName(exe));
    }
    script(p).ifPresent(s -> {
      addNeedle(needles, s);
      addNeedle(needles, baseName(s));
    });
    return needles;
  }

  private static void addNeedle(List<String> needles, String s) {
    if (s != null && s.length() >= 4 && !needles.contains(s)) needles.add(s);
  }

  /** A path matches as a word; a base name only as the last segment of a path or a whole word. */
  public static boolean runs(String line, List<String> needles) {
    if (line == null) return false;
    for (String n : needles) {
      int at = line.indexOf(n);
      while (at >= 0) {
        boolean startOk = n.startsWith("/") ? at == 0 || !isPathChar(line.charAt(at - 1))
            : at == 0 || line.charAt(at - 1) == '/' || Character.isWhitespace(line.charAt(at - 1));
        int end = at + n.length();
        boolean endOk = end == line.length() || !isPathChar(line.charAt(end));
        if (startOk && endOk) return true;
        at = line.indexOf(n, at + 1);
      }
    }
    return false;
  }

  private static boolean isPathChar(char c) {
    return Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '_' || c == '-';
  }

  /** A parent that keeps it alive: a shell running a script file, or a parent running from a temp dir. */
  private static Optional<String> watchdog(ProcessInfo child, HostSnapshot s) {
    if (child.ppid() <= 2) return Optional.empty();
    Optional<ProcessInfo> parent = s.processes().stream().filter(p -> p != null && p.pid() == child.ppid()).findFirst();
    if (parent.isEmpty()) return Optional.empty();
    ProcessInfo p = parent.get();
    if (p.comm() != null && NOT_WATCHDOGS.contains(p.comm())) return Optional.empty();
    if (script(p).isPresent() || inTempDir(p.exe())) {
      return Optional.of("pid " + p.pid() + " " + (p.args() == null ? p.comm() : p.args()));
    }
    return Optional.empty();
  }

  static String baseName(String path) {
    if (path == null || path.isBlank()) return null;
    String clean = path.replace(" (deleted)", "");
    int slash = clean.lastIndexOf('/');
    return slash < 0 ? clean : clean.substring(slash + 1);
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
