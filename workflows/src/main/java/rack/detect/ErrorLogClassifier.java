package rack.detect;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import rack.model.HostSnapshot.ContainerLogSummary;
import rack.model.HostSnapshot.RepeatedLine;

/**
 * Counts error-level lines in a container's log as it streams past, in bounded memory whatever the
 * log holds: binary junk, lines megabytes long, ANSI colour codes, JSON logs. Pure (no I/O); the
 * probe feeds it the bytes of {@code docker logs --since} so only counts and a few quoted lines
 * leave the host activity.
 *
 * <p>A line is error-level when:
 * <ul>
 *   <li>it is a JSON object with a level field ({@code level}, {@code severity}, {@code lvl},
 *       {@code levelname}, {@code log.level}): that field decides, as text (error, fatal, panic,
 *       critical...) or as a pino/bunyan number (50 error, 60 fatal); the message text does not, so
 *       {@code {"level":"info","msg":"retried after error"}} is not an error;
 *   <li>otherwise it contains the word fatal, panic, critical or traceback, or error or exception
 *       also at the end of a class name ({@code TypeError}, {@code NullPointerException}; not
 *       {@code errors}), after ANSI escapes are removed.
 * </ul>
 * Repeated lines are grouped by a key with digits and hex ids blanked, so the same message with a
 * different timestamp or request id counts as one; the first occurrence is quoted.
 */
public final class ErrorLogClassifier {
  /** Only the start of a longer line is judged and kept; the line still counts once. */
  static final int MAX_LINE = 4096;
  /** Distinct error lines tracked; later new ones are still counted, just not ranked. */
  static final int MAX_DISTINCT = 500;
  static final int QUOTED_CHARS = 240;
  public static final int TOP = 5;

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");
  private static final Pattern ERROR_WORD = Pattern.compile(
      "(?i)(error|exception)(?![a-z])|(?<![a-z])(fatal|panic|critical|traceback)(?![a-z])");
  private static final Pattern JSON_LEVEL = Pattern.compile(
      "(?i)\"(?:level|severity|lvl|levelname|log\\.level|loglevel)\"\\s*:\\s*(\"([^\"]{0,20})\"|(\\d{1,3}))");
  private static final Pattern ERROR_LEVEL_NAME = Pattern.compile("(?i)(err|error|fatal|panic|crit|critical|alert|emerg|emergency|severe)");
  private static final Pattern VARIABLE = Pattern.compile("0x[0-9a-fA-F]+|[0-9a-fA-F]{8,}|\\d+");

  private final byte[] line = new byte[MAX_LINE];
  private int length;
  private boolean overlong;
  private long lines;
  private long errorLines;
  private long bytes;
  private final Map<String, Counted> distinct = new HashMap<>();

  private static final class Counted {
    final String example;
    final long firstSeen;
    long count;

    Counted(String example, long firstSeen) {
      this.example = example;
      this.firstSeen = firstSeen;
    }
  }

  public void feed(byte[] buffer, int offset, int count) {
    bytes += count;
    for (int i = offset; i < offset + count; i++) {
      byte b = buffer[i];
      if (b == '\n') {
        endLine();
      } else if (length < MAX_LINE) {
        line[length++] = b;
      } else {
        overlong = true;
      }
    }
  }

  public void feed(byte[] buffer) {
    feed(buffer, 0, buffer.length);
  }

  /** @param truncated the reader stopped at its bound (the summary says counts are a lower bound) */
  public ContainerLogSummary finish(String container, boolean truncated) {
    if (length > 0 || overlong) endLine();
    List<RepeatedLine> top = distinct.values().stream()
        .sorted(Comparator.comparingLong((Counted c) -> -c.count).thenComparingLong(c -> c.firstSeen))
        .limit(TOP)
        .map(c -> new RepeatedLine(c.example, c.count))
        .toList();
    return new ContainerLogSummary(container, lines, errorLines, top, bytes, truncated);
  }

  private void endLine() {
    lines++;
    // ISO-8859-1 maps every byte to a char: binary junk cannot make decoding fail, and the
    // patterns are ASCII. Quoted text is cleaned to printable ASCII below.
    String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
    if (text.indexOf('\u001B') >= 0) text = ANSI.matcher(text).replaceAll("");
    length = 0;
    overlong = false;
    if (!isError(text)) return;
    errorLines++;
    String quoted = printable(text);
    String key = VARIABLE.matcher(quoted).replaceAll("#");
    Counted c = distinct.get(key);
    if (c == null && distinct.size() < MAX_DISTINCT) {
      c = new Counted(quoted, errorLines);
      distinct.put(key, c);
    }
    if (c != null) c.count++;
  }

  static boolean isError(String text) {
    String t = text.strip();
    if (t.startsWith("{")) {
      var level = JSON_LEVEL.matcher(t);
      if (level.find()) {
        if (level.group(3) != null) return Integer.parseInt(level.group(3)) >= 50; // pino/bunyan: 50 error, 60 fatal
        return ERROR_LEVEL_NAME.matcher(level.group(2).strip()).matches();
      }
    }
    return ERROR_WORD.matcher(t).find();
  }

  /** Control and non-ASCII bytes become spaces, runs of space collapse, the length is bounded. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), QUOTED_CHARS));
    boolean space = false;
    for (int i = 0; i < s.length() && b.length() < QUOTED_CHARS; i++) {
      char c = s.charAt(i);
      boolean ok = c >= 0x21 && c <= 0x7e;
      if (ok) {
        b.append(c);
        space = false;
      } else if (!space && b.length() > 0) {
        b.append(' ');
        space = true;
      }
    }
    return b.toString().strip();
  }

  /** For tests and callers with the whole text at hand. */
  public static ContainerLogSummary classify(String container, byte[] log) {
    ErrorLogClassifier c = new ErrorLogClassifier();
    c.feed(log);
    return c.finish(container, false);
  }
}
