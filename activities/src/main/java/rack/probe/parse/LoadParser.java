package rack.probe.parse;

import java.util.ArrayList;
import java.util.List;
import rack.model.HostSnapshot.LoadInfo;

/** {@code cat /proc/loadavg; nproc}: "0.12 0.10 0.05 1/123 4567" then the number of cores. */
public final class LoadParser {
  public static final String COMMAND = "cat /proc/loadavg; nproc";

  private LoadParser() {}

  public static Parsed<LoadInfo> parse(String output) {
    List<String> notes = new ArrayList<>();
    List<String> lines = Lines.of(output, "load", notes);
    String[] averages = lines.isEmpty() ? new String[0] : lines.get(0).trim().split("\\s+");
    Double load1 = averages.length >= 3 ? Numbers.parseDouble(averages[0]) : null;
    Double load5 = averages.length >= 3 ? Numbers.parseDouble(averages[1]) : null;
    Double load15 = averages.length >= 3 ? Numbers.parseDouble(averages[2]) : null;
    Integer cores = lines.size() >= 2 ? Numbers.parseInt(lines.get(1)) : null;
    if (load1 == null || load5 == null || load15 == null) {
      notes.add("load: unreadable /proc/loadavg \"" + Lines.printable(lines.isEmpty() ? "" : lines.get(0), 80) + "\"");
      return Parsed.of(null, notes);
    }
    if (cores == null || cores < 1) {
      notes.add("load: nproc gave no core count, assuming 1");
      cores = 1;
    }
    return Parsed.of(new LoadInfo(load1, load5, load15, cores), notes);
  }
}
