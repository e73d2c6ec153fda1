package rack.probe;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rack.shell.CommandResult;

/**
 * Splits the output of a {@link CheckScript} back into one {@link CommandResult} per section. The
 * frames are read by their byte counts from the first header on, so nothing a section prints can
 * end a frame early or start a new one; a section whose frame is missing or malformed (output cut,
 * script killed) is left out with a note, and so is everything after it.
 */
final class CheckOutput {
  /** Exit status of {@code timeout} when the time ran out, and when it had to SIGKILL. */
  private static final int TIMED_OUT = 124;
  private static final int KILLED = 137;
  private static final Pattern TRAILER = Pattern.compile("(\\d{1,10}) (\\d{1,3})");

  private final CheckScript script;

  CheckOutput(CheckScript script) {
    this.script = script;
  }

  /**
   * @param raw the channel's result, stdout decoded as ISO-8859-1 (one char per byte)
   * @return results by section name, in script order, for every section that came back whole
   */
  Map<String, CommandResult> split(CommandResult raw, List<String> notes) {
    Map<String, CommandResult> results = new LinkedHashMap<>();
    List<CheckSection> sections = script.sections();
    String out = raw.stdout();
    String firstHeader = header(0);
    int pos = out.startsWith(firstHeader) ? 0 : out.indexOf("\n" + firstHeader);
    if (pos < 0) {
      notes.add("host check: no section came back (" + why(raw) + ")");
      return results;
    }
    if (pos > 0) {
      pos++; // past the newline before the header
      if (!out.substring(0, pos).isBlank()) {
        notes.add("host check: " + pos + " bytes printed before the first section were ignored (login shell output?)");
      }
    }
    for (int i = 0; i < sections.size(); i++) {
      CheckSection section = sections.get(i);
      String header = header(i);
      int lineEnd = out.indexOf('\n', pos);
      Integer length = out.startsWith(header, pos) && lineEnd > 0 ? digits(out.substring(pos + header.length(), lineEnd)) : null;
      if (length == null || lineEnd + 1 + length + 1 > out.length() || out.charAt(lineEnd + 1 + length) != '\n') {
        notes.add("host check: sections from '" + section.name() + "' on did not come back whole (" + why(raw) + ")");
        return results;
      }
      String frame = out.substring(lineEnd + 1, lineEnd + 1 + length);
      CommandResult result = section(section, frame, raw);
      if (result == null) {
        notes.add("host check: section '" + section.name() + "' has a malformed frame, ignored");
      } else {
        results.put(section.name(), result);
      }
      pos = lineEnd + 1 + length + 1;
    }
    return results;
  }

  /** One frame: stdout, stderr, then the line "ERRLENGTH EXIT". */
  private static CommandResult section(CheckSection section, String frame, CommandResult raw) {
    int lastLine = frame.lastIndexOf('\n');
    Matcher trailer = TRAILER.matcher(frame.substring(lastLine + 1));
    if (lastLine < 0 || !trailer.matches()) return null;
    String body = frame.substring(0, lastLine);
    Integer errLength = digits(trailer.group(1));
    if (errLength == null || errLength > body.length()) return null;
    int status = Integer.parseInt(trailer.group(2));
    String stdout = body.substring(0, body.length() - errLength);
    String stderr = body.substring(body.length() - errLength);
    boolean truncated = stdout.length() > CheckScript.SECTION_CAP_BYTES || stderr.length() > CheckScript.SECTION_CAP_BYTES;
    boolean timedOut = status == TIMED_OUT;
    Integer exit = timedOut || status == KILLED ? null : status;
    return new CommandResult(section.command(), exit, utf8(cut(stdout)), utf8(cut(stderr)), truncated, timedOut, raw.took());
  }

  private String header(int index) {
    return "==> rack-" + script.nonce() + " " + index + " ";
  }

  private static String cut(String bytes) {
    return bytes.length() > CheckScript.SECTION_CAP_BYTES ? bytes.substring(0, CheckScript.SECTION_CAP_BYTES) : bytes;
  }

  /** The ISO-8859-1 chars back to their bytes, decoded as UTF-8 (invalid bytes become U+FFFD). */
  private static String utf8(String bytes) {
    return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static Integer digits(String s) {
    if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) return null;
    long value = Long.parseLong(s);
    return value > Integer.MAX_VALUE ? null : (int) value;
  }

  private static String why(CommandResult raw) {
    if (raw.timedOut()) return "the check script timed out";
    if (raw.truncated()) return "output cut at the size cap";
    String err = raw.stderr() == null ? "" : raw.stderr().strip();
    err = err.length() > 200 ? err.substring(0, 200) + "…" : err;
    return "exit " + raw.exitCode() + (err.isEmpty() ? "" : ": " + err.replaceAll("\\p{Cntrl}", " "));
  }
}
