package rack.shell;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads for output draining: a stream stuck in a read must not keep the JVM alive. */
final class DaemonThreads {
  private DaemonThreads() {}

  static ExecutorService named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}
