package rack.shell;

import java.time.Duration;

/**
 * Runs commands on one host: over one SSH connection ({@code SshShell}) or on this machine
 * ({@code LocalShell}). Open one per check, run many commands, close it. Implementations are safe to
 * call from several threads at once (bounded number of concurrent sessions).
 */
public interface Shell extends AutoCloseable {

  /**
   * Runs {@code command} with {@code /bin/sh} semantics on the host under {@code timeout -k 5 N}.
   * Output is drained concurrently and capped; a command that outlives {@code timeout} is reported
   * as timed out, not waited for.
   *
   * @throws ShellException when the transport itself fails (connection lost), not when the command
   *     exits non-zero
   */
  default CommandResult run(String command, Duration timeout) throws ShellException {
    return run(command, timeout, RunOptions.DEFAULTS);
  }

  /** {@link #run(String, Duration)} with stdin, output cap and stdout charset of {@code options}. */
  CommandResult run(String command, Duration timeout, RunOptions options) throws ShellException;

  /** The host name as configured (for messages and activity summaries). */
  String host();

  @Override
  void close();
}
