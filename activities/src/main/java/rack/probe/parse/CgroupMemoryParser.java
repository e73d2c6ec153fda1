package rack.probe.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Container memory read straight from the cgroup files (see {@link #COMMAND}): the same numbers
 * {@code docker stats} shows, without its two-sample CPU measurement that costs 1.6–2.9 s.
 * Lines: {@code <id> TAB v1|v2 TAB <usage> TAB <limit> TAB <inactive_file>}.
 */
public final class CgroupMemoryParser {
  /**
   * Every running container's memory cgroup where docker puts it with the cgroupfs and the systemd
   * drivers, on cgroup v1 and v2, found by listing the directories as {@link ContainerCpuParser}
   * does: no docker command (each costs the host a Go start-up and a daemon round trip) and no fork
   * inside the loop (stat_value sets {@code sv} instead of printing into a command substitution).
   * Ids are the directory names, kept only when they are 64 hex digits. A hybrid host's unified
   * directories have no memory.current when the memory controller is on v1, so no id is read twice.
   */
  public static final String COMMAND = """
      stat_value() { sv=0; while read -r k v; do [ "$k" = "$2" ] && { sv=$v; return; }; done < "$1"; }
      for d in /sys/fs/cgroup/memory/docker/* /sys/fs/cgroup/memory/system.slice/docker-*.scope \
               /sys/fs/cgroup/docker/* /sys/fs/cgroup/system.slice/docker-*.scope; do
        id=${d##*/}; id=${id#docker-}; id=${id%.scope}
        case "$id" in *[!0-9a-f]*|"") continue;; esac
        [ ${#id} -eq 64 ] || continue
        if [ -r "$d/memory.usage_in_bytes" ]; then
          read -r u < "$d/memory.usage_in_bytes"; read -r l < "$d/memory.limit_in_bytes"
          stat_value "$d/memory.stat" total_inactive_file; printf '%s\\tv1\\t%s\\t%s\\t%s\\n' "$id" "$u" "$l" "$sv"
        elif [ -r "$d/memory.current" ]; then
          read -r u < "$d/memory.current"; read -r l < "$d/memory.max"
          stat_value "$d/memory.stat" inactive_file; printf '%s\\tv2\\t%s\\t%s\\t%s\\n' "$id" "$u" "$l" "$sv"
        fi
      done
      """;

  /** cgroup v1 reports "no limit" as a page-rounded Long.MAX_VALUE; anything above this is unlimited. */
  private static final long UNLIMITED_ABOVE = 1L << 60;

  private CgroupMemoryParser() {}

  /**
   * @param usageBytes usage minus inactive page cache, as {@code docker stats} computes it
   * @param limitBytes null when the cgroup has no limit (then the host's memory is the limit)
   */
  public record Row(String id, long usageBytes, Long limitBytes) {}

  public static Parsed<Map<String, Row>> parse(String output) {
    List<String> notes = new ArrayList<>();
    Map<String, Row> rows = new LinkedHashMap<>();
    BadLines bad = new BadLines("container memory cgroups");
    for (String line : Lines.of(output, "container memory cgroups", notes)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      Long usage = f.length == 5 ? Numbers.parseLong(f[2]) : null;
      Long inactive = f.length == 5 ? Numbers.parseLong(f[4]) : null;
      if (usage == null || inactive == null || !(f[1].equals("v1") || f[1].equals("v2"))) {
        bad.add(line);
        continue;
      }
      Long limit = "max".equals(f[3]) ? null : Numbers.parseLong(f[3]);
      if (limit != null && limit > UNLIMITED_ABOVE) {
        limit = null;
      }
      rows.put(f[0], new Row(f[0], Math.max(0, usage - inactive), limit));
    }
    bad.reportTo(notes);
    return Parsed.of(rows, notes);
  }
}
