package rack.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import rack.shell.RunOptions;
import rack.shell.ShellQuote;

/**
 * A whole host check as one POSIX {@code sh} script for one exec channel (sshd counts every channel
 * against {@code MaxSessions}, and each one costs it a login shell). The sections run at the same
 * time on the host, each under its own {@code timeout}, and are printed in list order, each framed
 * as
 * <pre>
 * ==> rack-NONCE INDEX LENGTH
 * STDOUT STDERR
 * ERRLENGTH EXIT        (the last line of the LENGTH bytes)
 * </pre>
 * Lengths are in bytes, so a marker-like line inside a section (a forged one, or ps showing a check
 * running elsewhere) is just content: {@link CheckOutput} reads by length, never by searching.
 *
 * <p>How it runs them at once without temporary files: the sections form one pipeline. Each stage
 * captures its own section's output first (all stages do so concurrently), then copies everything
 * the earlier stages printed ({@code cat}), then prints its own frame; so output arrives in order and
 * no two sections interleave. The script goes to {@code sh -s} on stdin, so neither it nor the nonce
 * shows in {@code ps} or {@code /proc/PID/cmdline}.
 */
final class CheckScript {
  /** The exec command; the script follows on stdin. */
  static final String LAUNCHER = "sh -s";
  /** Kept per section and stream, as one command's output was when each section had its own channel. */
  static final int SECTION_CAP_BYTES = 1024 * 1024;
  /** Seconds {@code timeout -k} waits between SIGTERM and SIGKILL for a section. */
  static final int KILL_AFTER_SECONDS = 5;
  /** The channel's time on top of the slowest section: shell start, framing, transfer. */
  private static final Duration FRAMING_ALLOWANCE = Duration.ofSeconds(3);

  private final String nonce;
  private final List<CheckSection> sections;
  private final Duration sectionTimeout;

  CheckScript(String nonce, List<CheckSection> sections, Duration sectionTimeout) {
    if (!nonce.matches("[0-9a-f]{8,64}")) throw new IllegalArgumentException("nonce must be hex");
    if (sections.isEmpty()) throw new IllegalArgumentException("a check needs at least one section");
    this.nonce = nonce;
    this.sections = List.copyOf(sections);
    this.sectionTimeout = sectionTimeout;
  }

  List<CheckSection> sections() {
    return sections;
  }

  String nonce() {
    return nonce;
  }

  Duration sectionTimeout() {
    return sectionTimeout;
  }

  /** For the whole channel: every section runs at once, so the slowest one bounds it. */
  Duration timeout() {
    return sectionTimeout.plusSeconds(KILL_AFTER_SECONDS).plus(FRAMING_ALLOWANCE);
  }

  /** Stdout read byte for byte (ISO-8859-1) so the frames' byte counts apply; sections decode as UTF-8. */
  RunOptions runOptions() {
    return new RunOptions(text(), 2 * SECTION_CAP_BYTES * sections.size() + 64 * 1024, StandardCharsets.ISO_8859_1);
  }

  /** The script. One brace group, so the shell has read all of it before the first section starts. */
  String text() {
    long seconds = Math.max(1, (sectionTimeout.toMillis() + 999) / 1000);
    StringBuilder s = new StringBuilder();
    s.append("{\n");
    // C locale: ${#var} counts bytes (bash counts characters otherwise), and every parser expects
    // the C formats (decimal points, English column headers).
    s.append("LC_ALL=C; export LC_ALL\n");
    // rack_section INDEX COMMAND: run it with stdout and stderr kept apart (stdout to fd 3, i.e.
    // straight into rack_b; stderr into rack_e), then frame it behind what came before.
    s.append("rack_section() {\n");
    s.append("  rack_b=$( { rack_e=$(timeout -k ").append(KILL_AFTER_SECONDS).append(' ').append(seconds)
        .append(" sh -c \"$2\" 2>&1 1>&3 3>&- </dev/null); rack_r=$?;")
        .append(" printf '%s\\n%s %s' \"$rack_e\" \"${#rack_e}\" \"$rack_r\"; } 3>&1 )\n");
    s.append("  cat\n");
    s.append("  printf '==> rack-").append(nonce).append(" %s %s\\n%s\\n' \"$1\" \"${#rack_b}\" \"$rack_b\"\n");
    s.append("}\n");
    for (int i = 0; i < sections.size(); i++) {
      s.append("rack_section ").append(i).append(' ').append(ShellQuote.quote(sections.get(i).command()));
      s.append(i == 0 ? " </dev/null" : "");
      s.append(i < sections.size() - 1 ? " |\n" : "\n");
    }
    s.append("}\n");
    return s.toString();
  }
}
