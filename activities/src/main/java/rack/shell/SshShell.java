package rack.shell;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One SSH connection to one host for the length of a check (DESIGN C2). Every command gets its own
 * session channel; at most {@link #MAX_CONCURRENT_SESSIONS} run at once because OpenSSH refuses
 * more than {@code MaxSessions} (default 10) channels per connection. Open it with
 * {@link DefaultShellFactory}, which verifies the host key and authenticates.
 */
public final class SshShell implements Shell {
  /** Below OpenSSH's default {@code MaxSessions 10}, leaving room for keepalive and retries. */
  public static final int MAX_CONCURRENT_SESSIONS = 8;
  /** Kept per stream; the rest is read and discarded. */
  public static final int DEFAULT_OUTPUT_CAP_BYTES = 1024 * 1024;

  private final String host;
  private final SSHClient client;
  private final Semaphore sessions = new Semaphore(MAX_CONCURRENT_SESSIONS, true);
  private final ExecutorService drainThreads = DaemonThreads.named("ssh-drain");
  private final CommandCollector collector;

  SshShell(String host, SSHClient connectedClient, int outputCapBytes) {
    this.host = host;
    this.client = connectedClient;
    this.collector = new CommandCollector(drainThreads, outputCapBytes);
  }

  @Override
  public CommandResult run(String command, Duration timeout) throws ShellException {
    Duration deadline = TimeoutWrapper.deadline(timeout);
    try {
      if (!sessions.tryAcquire(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        return new CommandResult(command, null, "", "no free SSH session before the deadline", false, true, deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShellException("interrupted while waiting for an SSH session to " + host, e);
    }
    try {
      Session session = client.startSession();
      Session.Command started = session.exec(TimeoutWrapper.wrap(command, timeout));
      CommandResult result = collector.collect(command, new RemoteCommand(session, started), timeout);
      if (!client.isConnected()) {
        throw new ShellException("ssh to " + host + ": connection lost while running a command", null);
      }
      return result;
    } catch (IOException e) {
      throw new ShellException("ssh to " + host + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShellException("interrupted while running a command on " + host, e);
    } finally {
      sessions.release();
    }
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public void close() {
    try {
      client.disconnect();
    } catch (IOException | RuntimeException ignored) {
      // Closing a connection that is already gone is not worth reporting.
    }
    drainThreads.shutdownNow();
  }

  private record RemoteCommand(Session session, Session.Command command) implements RunningCommand {
    @Override
    public InputStream stdout() {
      return command.getInputStream();
    }

    @Override
    public InputStream stderr() {
      return command.getErrorStream();
    }

    @Override
    public Integer awaitExit(Duration wait) throws TimeoutException, IOException {
      try {
        command.join(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
      } catch (ConnectionException e) {
        if (command.isOpen()) {
          throw new TimeoutException("still running");
        }
        throw e;
      }
      // Null exit status with a signal: killed; null without either: the channel closed under us.
      return command.getExitStatus();
    }

    @Override
    public void kill() {
      // Closing the channel ends blocked reads (sshj's reads have no timeout of their own).
      try {
        session.close();
      } catch (IOException | RuntimeException ignored) {
        // Already closed by the server or by a lost connection.
      }
    }
  }
}
