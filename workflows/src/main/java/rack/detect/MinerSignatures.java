package rack.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.HostSnapshot.SocketInfo;

/**
 * The cryptominer vocabulary of DESIGN C8: known binary names (Falco's {@code miner_binaries} plus
 * Kinsing's droppers) and pool ports. How much each sign weighs is {@link ProcessEvidence}'s job.
 */
final class MinerSignatures {
  static final Set<String> MINER_NAMES = Set.of(
      "xmrig", "xmr-stak", "minerd", "minergate", "cpuminer", "ccminer", "ethminer", "cgminer", "bfgminer",
      "sgminer", "claymore", "nbminer", "t-rex", "gminer", "lolminer", "phoenixminer", "teamredminer",
      "nanominer", "bminer", "wildrig", "srbminer", "kinsing", "kdevtmpfsi");
  static final Set<Integer> POOL_PORTS = Set.of(3333, 3334, 3335, 3336, 4444, 5555, 7777, 14444, 45560, 45700);
  private static final Pattern HOST_PORT = Pattern.compile("[a-z0-9][a-z0-9.-]*:(\\d{2,5})(?![0-9])");

  private MinerSignatures() {}

  /**
   * The miner name matched by comm, exe, argv[0] or the script an interpreter runs, exactly or as a
   * prefix followed by a separator ("xmrig-6.21", "kinsing.sh").
   */
  static String minerName(ProcessInfo p) {
    String script = ProcessEvidence.script(p).map(s -> basename(lower(s))).orElse("");
    for (String candidate : List.of(lower(p.comm()), basename(lower(p.exe())), basename(firstWord(lower(p.args()))), script)) {
      if (candidate.isEmpty()) continue;
      for (String miner : MINER_NAMES) {
        if (candidate.equals(miner)) return miner;
        if (candidate.startsWith(miner) && candidate.length() > miner.length()
            && "-_.0123456789 ".indexOf(candidate.charAt(miner.length())) >= 0) return miner;
      }
    }
    return null;
  }

  /** A pool port named in {@code host:port} form in the (lower-cased) command line, or null. */
  static Integer poolPortInArgs(String args) {
    Matcher m = HOST_PORT.matcher(args);
    while (m.find()) {
      int port = Integer.parseInt(m.group(1)); // \d{2,5} always parses
      if (POOL_PORTS.contains(port)) return port;
    }
    return null;
  }

  /** An {@code ss -tnp} line of this pid whose peer port is a pool port. */
  static String poolConnection(int pid, List<SocketInfo> sockets) {
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
