package rack.hostaction;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import rack.shell.CommandResult;
import rack.shell.RunOptions;
import rack.shell.Shell;
import rack.shell.ShellException;
import rack.shell.ShellFactory;

/**
 * Test-only {@link Shell}: runs {@code /bin/sh -c} on this machine. Production code gets its shells
 * from the real factory (SSH or LocalShell); the tests only need something that runs real commands.
 */
public final class ProcessShell implements Shell {
  private static final int CAP = 1 << 20;
  private final String host;
  private final java.util.concurrent.atomic.AtomicInteger commandsRun = new java.util.concurrent.atomic.AtomicInteger();

  public ProcessShell(String host) {
    this.host = host;
  }

  public static ShellFactory factory() {
    return config -> new ProcessShell(config.name());
  }

  @Override
  public CommandResult run(String command, Duration timeout, RunOptions options) throws ShellException {
    commandsRun.incrementAndGet();
    long start = System.nanoTime();
    try {
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
      if (options.stdin() == null) builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process process = builder.start();
      if (options.stdin() != null) {
        try (var in = process.getOutputStream()) {
          in.write(options.stdin().getBytes(StandardCharsets.UTF_8));
        }
      }
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream(), options.stdoutCharset()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream(), StandardCharsets.UTF_8));
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) process.destroyForcibly().waitFor();
      return new CommandResult(command, finished ? process.exitValue() : null, out.join(), err.join(), false, !finished,
          Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new ShellException("cannot start /bin/sh: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShellException("interrupted", e);
    }
  }

  private static String drain(InputStream in, java.nio.charset.Charset charset) {
    try (in) {
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (kept.size() < CAP) kept.write(buffer, 0, Math.min(n, CAP - kept.size()));
      }
      return kept.toString(charset);
    } catch (IOException e) {
      return "";
    }
  }

  public int commandsRun() {
    return commandsRun.get();
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public void close() {}
}
