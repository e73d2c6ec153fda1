package rack.probe.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rack.model.HostSnapshot.ProcessInfo;

/**
 * {@link #COMMAND}: the ps columns of DESIGN C7 with fixed widths for user and comm, so that a
 * process name containing spaces (it may contain anything) cannot shift the columns: comm is at
 * most 15 bytes and ps pads it to exactly 16 columns, args is the rest of the line. (A comm that
 * starts with a space loses that space.)
 */
public final class PsParser {
  public static final String COMMAND =
      "ps -eww -o pid=,ppid=,user:32=,pcpu=,pmem=,etimes=,stat=,comm:16=,args=";
  static final int MAX_PROCESSES = 10_000;
  private static final Pattern ROW = Pattern.compile(
      "^\\s*(\\d+)\\s+(\\d+)\\s+(\\S+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S.{0,15})(?:\\s(.*))?$");

  private PsParser() {}

  /**
   * @param exeByPid the exe links from {@link ExeLinksParser}; processes without one get null
   */
  public static Parsed<List<ProcessInfo>> parse(String output, Map<Integer, String> exeByPid) {
    List<String> notes = new ArrayList<>();
    List<ProcessInfo> processes = new ArrayList<>();
    BadLines bad = new BadLines("ps");
    for (String line : Lines.of(output, "ps", notes)) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = ROW.matcher(line);
      Integer pid = m.matches() ? Numbers.parseInt(m.group(1)) : null;
      Integer ppid = pid != null ? Numbers.parseInt(m.group(2)) : null;
      Double cpu = pid != null ? Numbers.parseDouble(m.group(4)) : null;
      Double mem = pid != null ? Numbers.parseDouble(m.group(5)) : null;
      Long elapsed = pid != null ? Numbers.parseLong(m.group(6)) : null;
      if (pid == null || ppid == null || cpu == null || mem == null || elapsed == null) {
        bad.add(line);
        continue;
      }
      if (processes.size() == MAX_PROCESSES) {
        notes.add("ps: more than " + MAX_PROCESSES + " processes, the rest was ignored");
        break;
      }
      processes.add(new ProcessInfo(pid, ppid, m.group(3), cpu, mem, elapsed, m.group(7),
          m.group(8).stripTrailing(), m.group(9) == null ? "" : m.group(9), exeByPid.get(pid)));
    }
    bad.reportTo(notes);
    if (processes.isEmpty()) {
      notes.add("ps: no process listed");
    }
    return Parsed.of(processes, notes);
  }
}
