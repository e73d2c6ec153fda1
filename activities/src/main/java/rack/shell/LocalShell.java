package rack.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands on this machine ({@code local: true}) through {@code /bin/sh -c}, with the same
 * {@code timeout -k 5 N} wrapper, concurrent draining and output caps as {@link SshShell}.
 */
public final class LocalShell implements Shell {
  private final String host;
  private final ExecutorService drainThreads = DaemonThreads.named("local-drain");
  private final CommandCollector collector;

  public LocalShell(String host) {
    this(host, SshShell.DEFAULT_OUTPUT_CAP_BYTES);
  }

  public LocalShell(String host, int outputCapBytes) {
    this.host = host;
    this.collector = new CommandCollector(drainThreads, outputCapBytes);
  }

  @Override
  public CommandResult run(String command, Duration timeout, RunOptions options) throws ShellException {
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", TimeoutWrapper.wrap(command, timeout));
      if (options.stdin() == null) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      process = builder.start();
    } catch (IOException e) {
      throw new ShellException("cannot start /bin/sh on " + host + ": " + e.getMessage(), e);
    }
    try {
      return collector.collect(command, new LocalProcess(process), timeout, options);
    } catch (IOException e) {
      throw new ShellException("local command failed on " + host + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShellException("interrupted while running a command on " + host, e);
    }
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public void close() {
    drainThreads.shutdownNow();
  }

  private record LocalProcess(Process process) implements RunningCommand {
    @Override
    public InputStream stdout() {
      return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
      return process.getErrorStream();
    }

    @Override
    public void feed(String input) throws IOException {
      if (input == null) return; // stdin is /dev/null already
      try (OutputStream in = process.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }

    @Override
    public Integer awaitExit(Duration wait) throws TimeoutException, InterruptedException {
      if (!process.waitFor(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException();
      }
      return process.exitValue();
    }

    @Override
    public void kill() {
      // Background children of the command may still hold our pipes open: stop them too.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
