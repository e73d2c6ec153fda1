package rack.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One SSH connection to one host for the length of an activity (DESIGN C2). Every command gets its
 * own session channel, opened within a {@link SessionWindow}: a server that refuses a channel
 * ({@code SSH_MSG_CHANNEL_OPEN_FAILURE}, OpenSSH's "open failed" when {@code MaxSessions} is reached)
 * is waited for, the open retried with backoff, and the window shrunk; only a server that keeps
 * refusing until the command's deadline fails the command, and then as
 * {@link ShellException#sessionsRefused()}, never as an unreachable host. Open it with
 * {@link DefaultShellFactory}, which verifies the host key and authenticates.
 */
public final class SshShell implements Shell {
  /** Kept per stream; the rest is read and discarded. */
  public static final int DEFAULT_OUTPUT_CAP_BYTES = 1024 * 1024;
  /** First wait after a refusal; doubles per refusal of the same command up to {@link #MAX_BACKOFF}. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(20);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final String host;
  private final SSHClient client;
  private final SessionWindow window = new SessionWindow();
  private final ExecutorService drainThreads = DaemonThreads.named("ssh-drain");
  private final CommandCollector collector;

  SshShell(String host, SSHClient connectedClient, int outputCapBytes) {
    this.host = host;
    this.client = connectedClient;
    this.collector = new CommandCollector(drainThreads, outputCapBytes);
  }

  @Override
  public CommandResult run(String command, Duration timeout, RunOptions options) throws ShellException {
    Duration budget = TimeoutWrapper.deadline(timeout);
    long deadline = System.nanoTime() + budget.toNanos();
    try {
      Session session = openSession(deadline);
      if (session == null) {
        return new CommandResult(command, null, "", "no free SSH session before the deadline", false, true, budget);
      }
      try {
        Session.Command started = session.exec(TimeoutWrapper.wrap(command, timeout));
        CommandResult result = collector.collect(command, new RemoteCommand(session, started), timeout, options);
        if (!client.isConnected()) {
          throw new ShellException("ssh to " + host + ": connection lost while running a command", null);
        }
        return result;
      } finally {
        window.release();
      }
    } catch (IOException e) {
      throw new ShellException("ssh to " + host + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShellException("interrupted while running a command on " + host, e);
    }
  }

  /**
   * A session channel in a window slot (the caller releases it), or null when no slot came free
   * before the deadline. Refusals are retried until the deadline.
   */
  private Session openSession(long deadline) throws IOException, InterruptedException, ShellException {
    Duration backoff = FIRST_BACKOFF;
    OpenFailException lastRefusal = null;
    while (window.acquire(deadline)) {
      try {
        Session session = client.startSession();
        window.accepted();
        return session;
      } catch (OpenFailException refused) {
        window.refused();
        lastRefusal = refused;
      } catch (IOException | RuntimeException e) {
        window.release();
        throw e;
      }
      if (System.nanoTime() + backoff.toNanos() >= deadline) break;
      window.awaitRelease(backoff);
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
    if (lastRefusal == null) return null;
    throw ShellException.sessionsRefused("ssh to " + host + ": the server refused every new session until the deadline ("
        + window.refusals() + " refusals, last: " + lastRefusal.getReason() + " \"" + lastRefusal.getMessage() + "\")",
        lastRefusal);
  }

  /** Refused channel opens so far on this connection (each was waited out and retried). */
  public int refusals() {
    return window.refusals();
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
    public void feed(String input) throws IOException {
      try (OutputStream in = command.getOutputStream()) {
        // Closing sends SSH_MSG_CHANNEL_EOF: the command sees the end of its input.
        if (input != null) in.write(input.getBytes(StandardCharsets.UTF_8));
      }
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
