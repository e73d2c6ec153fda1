package rack.probe.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits command output into lines for the parsers, bounded so that a host printing millions of
 * lines cannot exhaust the worker: past {@link #MAX_LINES} the rest is dropped with a note.
 */
final class Lines {
  static final int MAX_LINES = 20_000;
  /** Longer lines are cut: no field we read is anywhere near this long. */
  static final int MAX_LINE_CHARS = 64 * 1024;

  private Lines() {}

  static List<String> of(String output, String what, List<String> notes) {
    List<String> lines = new ArrayList<>();
    if (output == null || output.isEmpty()) {
      return lines;
    }
    int start = 0;
    int length = output.length();
    while (start < length) {
      if (lines.size() == MAX_LINES) {
        notes.add(what + ": more than " + MAX_LINES + " lines, the rest was ignored");
        break;
      }
      int end = output.indexOf('\n', start);
      if (end < 0) {
        end = length;
      }
      String line = output.substring(start, Math.min(end, start + MAX_LINE_CHARS));
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      lines.add(line);
      start = end + 1;
    }
    return lines;
  }

  /** Replaces control characters so a note shows what was there without carrying it along. */
  static String printable(String s, int max) {
    String cut = s.length() > max ? s.substring(0, max) + "…" : s;
    return cut.replaceAll("[\\p{Cntrl}&&[^\t]]", "?");
  }

  /** Collapses repeated notes about bad lines into one line with a count and the first example. */
  static void noteBadLines(List<String> notes, String what, int count, String firstExample) {
    if (count > 0) {
      notes.add(what + ": " + count + " unreadable line(s), e.g. \"" + printable(firstExample, 120) + "\"");
    }
  }
}
