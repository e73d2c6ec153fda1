package rack.probe.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cumulative CPU time of every running container, straight from its cgroup (see {@link #COMMAND}),
 * read twice {@value #GAP_SECONDS} s apart with the host's clock beside each read. The monitor turns
 * the difference to the previous check's reading into % of one core; on a first check the two reads
 * give it. Lines: {@code clock TAB <ns>} before each round, then {@code <id> TAB v1|v2 TAB <value>}:
 * v1 {@code cpuacct.usage} in nanoseconds, v2 {@code cpu.stat} usage_usec in microseconds.
 */
public final class ContainerCpuParser {
  public static final String GAP_SECONDS = "0.25";

  /**
   * Every container cgroup where docker puts them with the cgroupfs and systemd drivers, v1
   * (cpuacct or cpu,cpuacct) and v2, found by listing the directories, so the section runs no
   * docker command (each costs the host ~0.1 s of CPU). Only shell builtins apart from date and
   * sleep (stat_value sets {@code sv}: no command substitution, so no fork per container); ids are
   * the directory names, kept only when they are 64 hex digits. A v1 host also has the unified
   * tree's cpu.stat (hybrid mode); v1 wins, as docker itself reads cpuacct there. This part defines
   * the helpers and {@code round}, which prints the clock and every container's counter once.
   */
  private static final String ROUND = """
      stat_value() { sv=0; while read -r k v; do [ "$k" = "$2" ] && { sv=$v; return; }; done < "$1"; }
      round() {
        printf 'clock\\t%s\\n' "$(date +%s%N)"
        for d in /sys/fs/cgroup/cpuacct/docker/* /sys/fs/cgroup/cpu,cpuacct/docker/* \\
                 /sys/fs/cgroup/cpuacct/system.slice/docker-*.scope /sys/fs/cgroup/cpu,cpuacct/system.slice/docker-*.scope \\
                 /sys/fs/cgroup/docker/* /sys/fs/cgroup/system.slice/docker-*.scope; do
          id=${d##*/}; id=${id#docker-}; id=${id%.scope}
          case "$id" in *[!0-9a-f]*|"") continue;; esac
          [ ${#id} -eq 64 ] || continue
          if [ -r "$d/cpuacct.usage" ]; then
            read -r u < "$d/cpuacct.usage"; printf '%s\\tv1\\t%s\\n' "$id" "$u"
          elif [ -r "$d/cpu.stat" ]; then
            stat_value "$d/cpu.stat" usage_usec; printf '%s\\tv2\\t%s\\n' "$id" "$sv"
          fi
        done
      }
      """;

  /** Two rounds {@value #GAP_SECONDS} s apart: a first check, with nothing earlier to compare with. */
  public static final String COMMAND = ROUND + "round; sleep " + GAP_SECONDS + "; round\n";

  /**
   * One round only, for a worker that checked the host before: the monitor then has the previous
   * check's counters and measures the whole interval, so the pause (the check's longest section)
   * buys nothing. A container without a previous counter gets no reading this time, which leaves
   * its streak as it was.
   */
  public static final String ONE_READ = ROUND + "round\n";

  private ContainerCpuParser() {}

  /** Counters in nanoseconds at the host clock; the later pair is null when the second round is missing. */
  public record Reading(String id, long usageNanos, long atNanos, Long laterUsageNanos, Long laterAtNanos) {}

  public static Parsed<Map<String, Reading>> parse(String output) {
    List<String> notes = new ArrayList<>();
    BadLines bad = new BadLines("container cpu cgroups");
    Map<String, long[]> first = new LinkedHashMap<>();
    Map<String, long[]> second = new LinkedHashMap<>();
    Long clock = null;
    int round = 0;
    for (String line : Lines.of(output, "container cpu cgroups", notes)) {
      if (line.isBlank()) continue;
      String[] f = line.split("\t", -1);
      if (f.length == 2 && f[0].equals("clock")) {
        clock = Numbers.parseLong(f[1]);
        round++;
        if (clock == null) bad.add(line);
        continue;
      }
      Long value = f.length == 3 ? Numbers.parseLong(f[2]) : null;
      if (value == null || clock == null || round > 2 || !(f[1].equals("v1") || f[1].equals("v2"))) {
        bad.add(line);
        continue;
      }
      long nanos = f[1].equals("v1") ? value : value * 1000;
      (round == 1 ? first : second).put(f[0], new long[] {nanos, clock});
    }
    bad.reportTo(notes);
    Map<String, Reading> readings = new LinkedHashMap<>();
    first.forEach((id, a) -> {
      long[] b = second.get(id);
      readings.put(id, new Reading(id, a[0], a[1], b == null ? null : b[0], b == null ? null : b[1]));
    });
    return Parsed.of(readings, notes);
  }

  /** % of one core between the two reads of one check, or null without both. */
  public static Double inCheckPercent(Reading r) {
    if (r.laterUsageNanos() == null || r.laterAtNanos() == null || r.laterAtNanos() <= r.atNanos()
        || r.laterUsageNanos() < r.usageNanos()) {
      return null;
    }
    return 100.0 * (r.laterUsageNanos() - r.usageNanos()) / (r.laterAtNanos() - r.atNanos());
  }
}
