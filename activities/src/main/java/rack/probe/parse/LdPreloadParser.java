package rack.probe.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /etc/ld.so.preload}: libraries loaded into every process (a classic rootkit hook). Entries
 * are separated by whitespace or newlines; an absent file prints nothing.
 */
public final class LdPreloadParser {
  public static final String COMMAND = "cat /etc/ld.so.preload 2>/dev/null; true";

  private LdPreloadParser() {}

  public static Parsed<List<String>> parse(String output) {
    List<String> notes = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    for (String line : Lines.of(output, "ld.so.preload", notes)) {
      if (!Sections.active(line)) {
        continue;
      }
      for (String entry : line.strip().split("\\s+")) {
        entries.add(Lines.printable(entry, 4096));
      }
    }
    return Parsed.of(entries, notes);
  }
}
