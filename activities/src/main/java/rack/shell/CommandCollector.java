package rack.shell;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns a {@link RunningCommand} into a {@link CommandResult}: drains stdout and stderr at the same
 * time (draining one after the other deadlocks once the other fills its window or pipe), caps what is
 * kept, and gives up at a deadline so a silent command or a stuck stream never blocks the caller.
 */
final class CommandCollector {
  /** How long output may keep arriving after the command ended. */
  static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

  private final ExecutorService drainThreads;
  private final int defaultCapBytes;

  CommandCollector(ExecutorService drainThreads, int defaultCapBytes) {
    this.drainThreads = drainThreads;
    this.defaultCapBytes = defaultCapBytes;
  }

  CommandResult collect(String command, RunningCommand running, Duration timeout, RunOptions options)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    long deadline = started + TimeoutWrapper.deadline(timeout).toNanos();
    int capBytes = options.capOr(defaultCapBytes);
    OutputDrain out = OutputDrain.start(running.stdout(), capBytes, drainThreads);
    OutputDrain err = OutputDrain.start(running.stderr(), capBytes, drainThreads);
    try {
      running.feed(options.stdin());
    } catch (IOException e) {
      // The command ended (or never started reading) before taking its input: its exit status and
      // stderr say why, so collect those instead of failing here.
    }
    Integer exit = null;
    boolean timedOut = false;
    boolean outputCut = false;
    try {
      exit = running.awaitExit(Duration.ofNanos(Math.max(remaining(deadline), 1)));
      // The command is gone; its output may still be in flight. A stray background child that
      // inherited the streams could hold them open for ever: give it a short grace, no more.
      long grace = Math.min(remaining(deadline), OUTPUT_GRACE.toNanos());
      try {
        CompletableFuture.allOf(out.finished(), err.finished()).get(grace, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        outputCut = true;
      }
    } catch (TimeoutException e) {
      timedOut = true;
    } catch (ExecutionException e) {
      throw new IOException("reading command output failed", e.getCause());
    } finally {
      running.kill();
    }
    if (exit != null && exit == TimeoutWrapper.TIMED_OUT) {
      timedOut = true;
    }
    if (timedOut || (exit != null && exit == TimeoutWrapper.KILLED)) {
      exit = null;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    return new CommandResult(command, exit, out.text(options.stdoutCharset()), err.text(), outputCut || out.truncated() || err.truncated(), timedOut, took);
  }

  private static long remaining(long deadlineNanos) {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }
}
