package rack.shell;

import java.time.Duration;

/**
 * What one command did.
 *
 * @param exitCode null when the command was killed by a signal or timed out
 * @param truncated stdout or stderr was longer than the cap and was cut
 */
public record CommandResult(
    String command,
    Integer exitCode,
    String stdout,
    String stderr,
    boolean truncated,
    boolean timedOut,
    Duration took) {

  public boolean ok() {
    return exitCode != null && exitCode == 0 && !timedOut;
  }
}
