package rack.shell;

import java.time.Duration;

/**
 * Wraps a command as {@code timeout -k 5 N sh -c '<command>'}: the host itself kills a command that
 * outlives its budget (SIGTERM, then SIGKILL five seconds later), so nothing lingers after we gave up.
 */
final class TimeoutWrapper {
  /** Seconds between SIGTERM and SIGKILL given to {@code timeout -k}. */
  static final int KILL_AFTER_SECONDS = 5;
  /** Exit status of GNU/busybox {@code timeout} when the time ran out (SIGTERM delivered). */
  static final int TIMED_OUT = 124;
  /** Exit status when the command had to be killed with SIGKILL (128 + 9). */
  static final int KILLED = 137;

  private TimeoutWrapper() {}

  static String wrap(String command, Duration timeout) {
    return "timeout -k " + KILL_AFTER_SECONDS + " " + seconds(timeout) + " sh -c " + ShellQuote.quote(command);
  }

  static long seconds(Duration timeout) {
    return Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  /** How long we wait for the wrapped command before giving up on it from our side. */
  static Duration deadline(Duration timeout) {
    return Duration.ofSeconds(seconds(timeout) + KILL_AFTER_SECONDS + 2);
  }
}
