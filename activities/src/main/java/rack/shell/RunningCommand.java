package rack.shell;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A started command as both transports see it: two output streams, an exit, and a way to stop it. */
interface RunningCommand {
  InputStream stdout();

  InputStream stderr();

  /**
   * Writes {@code input} (UTF-8) to the command's stdin and closes it; with null just closes it, so a
   * command that reads stdin sees an empty input instead of waiting.
   */
  void feed(String input) throws IOException;

  /**
   * Waits for the command to end.
   *
   * @return the exit status, or null when it ended by a signal
   * @throws TimeoutException when it is still running after {@code wait}
   */
  Integer awaitExit(Duration wait) throws TimeoutException, InterruptedException, IOException;

  /** Stops the command and releases its streams; safe to call more than once. */
  void kill();
}
