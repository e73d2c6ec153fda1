package rack.probe;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import rack.detect.ErrorLogClassifier;
import rack.model.HostSnapshot.ContainerLogSummary;

/**
 * Each running container's log since the previous check, reduced here to error counts and the most
 * repeated error lines, so only those leave the activity. One command for all containers (one
 * channel), bounded three ways: at most {@value #PER_CONTAINER_SECONDS} s per container, the last
 * {@code budget / containers} bytes of each (the newest lines: a burst now matters more than one an
 * hour ago), and the shell's output cap. The only values in the command are ours: the window in
 * whole seconds and the nonce; container ids are cgroup directory names, kept only when they are 64
 * hex digits.
 */
final class ContainerLogs {
  /** Below the shell's 1 MiB output cap, with room for the section markers. */
  static final int BUDGET_BYTES = 900 * 1024;
  static final int MIN_PER_CONTAINER = 16 * 1024;
  static final int PER_CONTAINER_SECONDS = 3;

  private ContainerLogs() {}

  static String command(String nonce, long sinceSeconds) {
    if (!nonce.matches("[0-9a-f]{8,64}")) throw new IllegalArgumentException("nonce must be hex");
    long since = Math.max(1, sinceSeconds);
    // Running containers from their cgroup directories (as the container cpu section finds them), so
    // a host without containers costs no docker command at all.
    return "ids=; for d in /sys/fs/cgroup/cpuacct/docker/* /sys/fs/cgroup/memory/docker/* /sys/fs/cgroup/system.slice/docker-*.scope"
        + " /sys/fs/cgroup/memory/system.slice/docker-*.scope /sys/fs/cgroup/docker/*; do\n"
        + "  id=${d##*/}; id=${id#docker-}; id=${id%.scope}; case \"$id\" in *[!0-9a-f]*|\"\") continue;; esac\n"
        + "  [ ${#id} -eq 64 ] || continue; case \" $ids \" in *\" $id \"*) ;; *) ids=\"$ids $id\";; esac\n"
        + "done\n"
        + "n=0; for id in $ids; do n=$((n+1)); done; [ $n -gt 0 ] || exit 0\n"
        + "each=$((" + BUDGET_BYTES + " / n)); [ $each -ge " + MIN_PER_CONTAINER + " ] || each=" + MIN_PER_CONTAINER + "\n"
        + "if command -v timeout >/dev/null 2>&1; then t=\"timeout -k 1 " + PER_CONTAINER_SECONDS + "\"; else t=; fi\n"
        + "for id in $ids; do\n"
        + "  case \"$id\" in *[!0-9a-f]*) continue;; esac\n"
        + "  printf '\\n" + nonce + " %s %s\\n' \"$id\" \"$each\"\n"
        + "  $t docker logs --since " + since + "s \"$id\" 2>&1 | tail -c \"$each\"\n"
        + "done\n";
  }

  /** Container id -> what its log held; a section that filled its byte share is marked truncated. */
  static Map<String, ContainerLogSummary> parse(String output, String nonce, Map<String, String> namesById) {
    Map<String, ContainerLogSummary> out = new LinkedHashMap<>();
    String marker = "\n" + nonce + " ";
    String text = "\n" + output;
    int at = text.indexOf(marker);
    while (at >= 0) {
      int headerEnd = text.indexOf('\n', at + marker.length());
      if (headerEnd < 0) break;
      String[] header = text.substring(at + marker.length(), headerEnd).split(" ");
      int next = text.indexOf(marker, headerEnd);
      String body = text.substring(headerEnd + 1, next < 0 ? text.length() : next);
      if (header.length == 2 && header[0].matches("[0-9a-f]{12,64}")) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long share = parseLong(header[1]);
        String name = namesById.getOrDefault(header[0], header[0].substring(0, 12));
        ErrorLogClassifier classifier = new ErrorLogClassifier();
        classifier.feed(bytes);
        out.put(header[0], classifier.finish(name, share > 0 && bytes.length >= share));
      }
      at = next;
    }
    return out;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
