package rack.probe.parse;

import java.util.ArrayList;
import java.util.List;
import rack.model.HostSnapshot.CpuCounters;

/**
 * First line of {@code /proc/stat}: "cpu user nice system idle iowait irq softirq steal guest
 * guest_nice" in jiffies. guest and guest_nice are already counted in user and nice, so the total
 * is the sum of the first eight; busy is the total minus idle and iowait.
 */
public final class ProcStatParser {
  public static final String COMMAND = "head -n 1 /proc/stat";

  private ProcStatParser() {}

  public static Parsed<CpuCounters> parse(String output) {
    List<String> notes = new ArrayList<>();
    List<String> lines = Lines.of(output, "/proc/stat", notes);
    String[] f = lines.isEmpty() ? new String[0] : lines.get(0).trim().split("\\s+");
    if (f.length < 5 || !f[0].equals("cpu")) {
      notes.add("/proc/stat: no cpu line");
      return Parsed.of(null, notes);
    }
    long total = 0;
    long idle = 0;
    for (int i = 1; i < Math.min(f.length, 9); i++) {
      Long value = Numbers.parseLong(f[i]);
      if (value == null || value < 0) {
        notes.add("/proc/stat: unreadable cpu line \"" + Lines.printable(lines.get(0), 120) + "\"");
        return Parsed.of(null, notes);
      }
      total += value;
      if (i == 4 || i == 5) {
        idle += value;
      }
    }
    return Parsed.of(new CpuCounters(total - idle, total), notes);
  }
}
