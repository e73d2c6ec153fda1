package rack.shell;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What a command needs beyond its text: bytes for its stdin, how much output to keep and how to
 * decode stdout. The host check uses all three: its script travels on stdin (so it never shows up in
 * {@code ps} or {@code /proc/PID/cmdline}), its output is larger than one command's, and it is framed
 * by byte counts, so it is read as ISO-8859-1 (one char per byte) and decoded section by section.
 *
 * @param stdin written to the command's stdin, then closed; null gives it an empty stdin
 * @param capBytes kept per stream; 0 means the shell's own default
 */
public record RunOptions(String stdin, int capBytes, Charset stdoutCharset) {
  public static final RunOptions DEFAULTS = new RunOptions(null, 0, StandardCharsets.UTF_8);

  public RunOptions {
    if (capBytes < 0) throw new IllegalArgumentException("capBytes must not be negative: " + capBytes);
    stdoutCharset = stdoutCharset == null ? StandardCharsets.UTF_8 : stdoutCharset;
  }

  int capOr(int defaultCap) {
    return capBytes == 0 ? defaultCap : capBytes;
  }
}
