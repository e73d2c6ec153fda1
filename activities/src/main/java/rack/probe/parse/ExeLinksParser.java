package rack.probe.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link #COMMAND}: where each process's executable is, from its {@code /proc/PID/exe} link. One
 * {@code ls} for all processes instead of a readlink per process. A deleted executable shows as
 * "/tmp/x (deleted)", which is itself a sign worth keeping (DESIGN C8).
 */
public final class ExeLinksParser {
  public static final String COMMAND = "ls -l /proc/[0-9]*/exe 2>/dev/null; true";
  private static final Pattern LINK = Pattern.compile("/proc/(\\d+)/exe -> (.*)$");

  private ExeLinksParser() {}

  public static Parsed<Map<Integer, String>> parse(String output) {
    List<String> notes = new ArrayList<>();
    Map<Integer, String> exes = new HashMap<>();
    for (String line : Lines.of(output, "exe links", notes)) {
      Matcher m = LINK.matcher(line);
      if (m.find()) {
        Integer pid = Numbers.parseInt(m.group(1));
        if (pid != null) {
          exes.put(pid, m.group(2));
        }
      }
    }
    return Parsed.of(exes, notes);
  }
}
