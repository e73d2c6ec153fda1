package rack.probe.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several files printed one after another, each introduced by a marker line
 * {@code ==> rack-<nonce> <path>}. The nonce is fresh for every check, so a file cannot forge a
 * marker and pass its lines off as another file's.
 */
public final class Sections {
  private Sections() {}

  /** The shell snippet printing a marker for the file in {@code "$f"}. */
  public static String marker(String nonce) {
    return "printf '==> rack-" + nonce + " %s\\n' \"$f\"";
  }

  /** Lines of each file, by path, in the order printed. */
  static Map<String, List<String>> split(String output, String nonce, String what, List<String> notes) {
    String prefix = "==> rack-" + nonce + " ";
    Map<String, List<String>> files = new LinkedHashMap<>();
    List<String> current = null;
    int orphans = 0;
    for (String line : Lines.of(output, what, notes)) {
      if (line.startsWith(prefix)) {
        current = files.computeIfAbsent(line.substring(prefix.length()), path -> new ArrayList<>());
      } else if (current != null) {
        current.add(line);
      } else if (!line.isBlank()) {
        orphans++;
      }
    }
    if (orphans > 0) {
      notes.add(what + ": " + orphans + " line(s) before the first file marker were ignored");
    }
    return files;
  }

  /** Not blank and not a comment. */
  static boolean active(String line) {
    String trimmed = line.strip();
    return !trimmed.isEmpty() && !trimmed.startsWith("#");
  }
}
