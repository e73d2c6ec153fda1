package rack.probe.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rack.model.HostSnapshot.SocketInfo;

/**
 * {@code ss -tanp}: listening and connected TCP sockets with their processes. TIME-WAIT sockets
 * belong to no process any more and are left out. A host without {@code ss} prints
 * {@link #MISSING}, which becomes a note.
 */
public final class SsParser {
  public static final String MISSING = "rack: ss not installed";
  public static final String COMMAND =
      "if command -v ss >/dev/null 2>&1; then ss -tanp; else echo '" + MISSING + "'; fi";
  static final int MAX_SOCKETS = 5_000;
  private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+\\d+\\s+\\d+\\s+(\\S+)\\s+(\\S+)\\s*(.*)$");

  private SsParser() {}

  public static Parsed<List<SocketInfo>> parse(String output) {
    List<String> notes = new ArrayList<>();
    List<SocketInfo> sockets = new ArrayList<>();
    BadLines bad = new BadLines("ss");
    for (String line : Lines.of(output, "ss", notes)) {
      if (line.startsWith(MISSING)) {
        notes.add("ss: not installed on the host, no socket list");
        return Parsed.of(sockets, notes);
      }
      if (line.isBlank() || line.startsWith("State")) {
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (!m.matches()) {
        bad.add(line);
        continue;
      }
      if (m.group(1).equals("TIME-WAIT")) {
        continue;
      }
      if (sockets.size() == MAX_SOCKETS) {
        notes.add("ss: more than " + MAX_SOCKETS + " sockets, the rest was ignored");
        break;
      }
      String process = m.group(4).strip();
      sockets.add(new SocketInfo(m.group(1), m.group(2), m.group(3), process.isEmpty() ? null : process));
    }
    bad.reportTo(notes);
    return Parsed.of(sockets, notes);
  }
}
