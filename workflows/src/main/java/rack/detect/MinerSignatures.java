package rack.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.HostSnapshot.SocketInfo;

/**
 * The cryptominer indicators of DESIGN C8: known binary names (Falco's {@code miner_binaries} plus
 * Kinsing's droppers), pool protocol arguments, pool ports; and the corroborating signs that turn
 * a name into strong evidence: an executable in a world-writable temp directory or deleted after
 * start, a kernel-thread name on a user process, sustained CPU.
 */
final class MinerSignatures {
  static final Set<String> MINER_NAMES = Set.of(
      "xmrig", "xmr-stak", "minerd", "minergate", "cpuminer", "ccminer", "ethminer", "cgminer", "bfgminer",
      "sgminer", "claymore", "nbminer", "t-rex", "gminer", "lolminer", "phoenixminer", "teamredminer",
      "nanominer", "bminer", "wildrig", "srbminer", "kinsing", "kdevtmpfsi");
  static final Set<Integer> POOL_PORTS = Set.of(3333, 3334, 3335, 3336, 4444, 5555, 7777, 14444, 45560, 45700);
  static final List<String> TEMP_DIRS = List.of("/tmp/", "/var/tmp/", "/dev/shm/");
  private static final List<String> POOL_PROTOCOLS = List.of("stratum+tcp://", "stratum+ssl://", "stratum2+tcp://", "--donate-level");
  private static final Pattern HOST_PORT = Pattern.compile("[a-z0-9][a-z0-9.-]*:(\\d{2,5})(?![0-9])");
  /** Sustained CPU: ps %CPU is the lifetime average, so it only needs a minimum age to mean "sustained". */
  static final long SUSTAINED_MIN_AGE_SECONDS = 60;
  /** A process younger than this is not judged by a bracketed name (see {@link #fakeKernelThread}). */
  static final long DISGUISE_MIN_AGE_SECONDS = 2;

  private MinerSignatures() {}

  /** What one process shows. {@code signs} make it a miner finding; {@code corroboration} makes it strong. */
  record Verdict(List<String> signs, List<String> corroboration) {
    boolean miner() {
      return !signs.isEmpty();
    }

    /** A protocol argument is itself conclusive; a name or a port needs a second independent sign. */
    boolean strong() {
      boolean protocolArg = signs.stream().anyMatch(s -> s.startsWith("command line uses"));
      return protocolArg || signs.size() + corroboration.size() >= 2;
    }
  }

  static Verdict inspect(ProcessInfo p, List<SocketInfo> sockets, double sustainedCpuPercent) {
    List<String> signs = new ArrayList<>();
    String args = lower(p.args());
    String name = minerName(p);
    if (name != null) signs.add("name matches known miner '" + name + "'");
    for (String protocol : POOL_PROTOCOLS) {
      if (args.contains(protocol)) signs.add("command line uses " + protocol.replace("://", ""));
    }
    Integer port = poolPortInArgs(args);
    if (port != null) signs.add("command line names pool port " + port);
    List<String> corroboration = new ArrayList<>();
    if (inTempDir(p.exe())) corroboration.add("executable in a temp directory: " + p.exe());
    if (deleted(p.exe())) corroboration.add("executable deleted after start: " + p.exe());
    if (fakeKernelThread(p)) corroboration.add("kernel-thread name " + p.args() + " on a user process");
    if (p.cpuPercent() >= sustainedCpuPercent && p.elapsedSeconds() >= SUSTAINED_MIN_AGE_SECONDS) {
      corroboration.add("sustained CPU " + Measured.percent(p.cpuPercent()) + " over " + p.elapsedSeconds() + " s");
    }
    String poolSocket = poolConnection(p.pid(), sockets);
    if (poolSocket != null) corroboration.add("connected to pool port: " + poolSocket);
    return new Verdict(signs, corroboration);
  }

  /** The miner name matched by comm, exe or argv[0], exactly or as a prefix followed by a separator ("xmrig-6.21"). */
  static String minerName(ProcessInfo p) {
    for (String candidate : List.of(lower(p.comm()), basename(lower(p.exe())), basename(firstWord(lower(p.args()))))) {
      if (candidate.isEmpty()) continue;
      for (String miner : MINER_NAMES) {
        if (candidate.equals(miner)) return miner;
        if (candidate.startsWith(miner) && candidate.length() > miner.length()
            && "-_.0123456789 ".indexOf(candidate.charAt(miner.length())) >= 0) return miner;
      }
    }
    return null;
  }

  static boolean inTempDir(String exe) {
    String e = lower(exe);
    return TEMP_DIRS.stream().anyMatch(e::startsWith);
  }

  static boolean deleted(String exe) {
    return lower(exe).endsWith("(deleted)");
  }

  /**
   * A name in brackets like "[kworker/0:1]" is how ps shows kernel threads; kernel threads are
   * children of kthreadd (pid 2). Anything else wearing brackets is hiding.
   */
  static boolean fakeKernelThread(ProcessInfo p) {
    String shown = p.args() == null || p.args().isBlank() ? p.comm() : p.args();
    if (shown == null) return false;
    // ps also brackets the name of a process whose command line is gone: a zombie, or one exiting
    // right now (such as the probe's own short commands). Those have no executable left; a user
    // process disguised as a kernel thread still has one.
    if (p.exe() == null || p.exe().isBlank() || (p.stat() != null && p.stat().startsWith("Z"))) return false;
    // ps and the exe links are separate reads: a command that exits between them (the probe's own
    // `docker ...`, 0 s old) shows a bracketed name and still an executable. A disguise that lasts
    // is seen by this check or the next.
    if (p.elapsedSeconds() < DISGUISE_MIN_AGE_SECONDS) return false;
    String s = shown.strip();
    return s.startsWith("[") && s.endsWith("]") && p.pid() != 2 && p.ppid() != 2;
  }

  private static Integer poolPortInArgs(String args) {
    Matcher m = HOST_PORT.matcher(args);
    while (m.find()) {
      try {
        int port = Integer.parseInt(m.group(1));
        if (POOL_PORTS.contains(port)) return port;
      } catch (NumberFormatException ignored) {
        // \d{2,5} always parses; keep the loop total anyway
      }
    }
    return null;
  }

  /** An {@code ss -tnp} line of this pid whose peer port is a pool port. */
  private static String poolConnection(int pid, List<SocketInfo> sockets) {
    String pidTag = "pid=" + pid + ",";
    for (SocketInfo s : sockets) {
      if (s == null || s.process() == null || s.peer() == null || !s.process().contains(pidTag)) continue;
      int colon = s.peer().lastIndexOf(':');
      if (colon < 0) continue;
      try {
        if (POOL_PORTS.contains(Integer.parseInt(s.peer().substring(colon + 1).trim()))) return s.peer();
      } catch (NumberFormatException ignored) {
        // peer like "*:*"
      }
    }
    return null;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static String basename(String path) {
    String p = path.replace(" (deleted)", "");
    int slash = p.lastIndexOf('/');
    return slash >= 0 ? p.substring(slash + 1) : p;
  }

  private static String firstWord(String s) {
    String t = s.strip();
    int space = t.indexOf(' ');
    return space >= 0 ? t.substring(0, space) : t;
  }
}
