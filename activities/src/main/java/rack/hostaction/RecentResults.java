package rack.hostaction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Idempotency memory of one worker: idempotency key -> the result the first attempt returned. A
 * retried activity attempt that lands on the same worker (after a lost completion, or a start-to-close
 * timeout while the first attempt still ran) gets the earlier result instead of acting twice; an
 * attempt still in flight is joined, not repeated.
 *
 * <p>Limits, on purpose: this lives in worker memory. It is lost on restart and not shared between
 * workers, so every action is also written to be safe to repeat on the host itself (restarting a
 * running container, killing a gone PID, removing a removed line are all harmless). Bounded: the
 * oldest keys are forgotten first. Failed attempts are not remembered, so Temporal's retry runs again.
 */
public final class RecentResults<V> {
  private final int capacity;
  private final Map<String, CompletableFuture<V>> byKey;

  public RecentResults(int capacity) {
    this.capacity = capacity;
    this.byKey = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<V>> eldest) {
        return size() > RecentResults.this.capacity;
      }
    };
  }

  /** The remembered result for {@code key}, or {@code action}'s result, remembered when it returns. */
  public V getOrRun(String key, Supplier<V> action) {
    if (key == null || key.isBlank()) return action.get();
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> existing;
    synchronized (byKey) {
      existing = byKey.get(key);
      if (existing == null) byKey.put(key, mine);
    }
    if (existing != null) return join(existing, key, action);
    try {
      V value = action.get();
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      synchronized (byKey) {
        byKey.remove(key, mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /** Waits for an attempt in flight; if that one failed, this attempt tries for itself. */
  private V join(CompletableFuture<V> existing, String key, Supplier<V> action) {
    try {
      return existing.get();
    } catch (ExecutionException e) {
      return getOrRun(key, action);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an earlier attempt of " + key, e);
    }
  }

  public int size() {
    synchronized (byKey) {
      return byKey.size();
    }
  }
}
