package rack.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Idempotency keys of messages this worker already delivered. A retried attempt after a lost
 * response (the relay got it, we did not hear back) would otherwise send the message again when the
 * relay does not dedupe by {@code Idempotency-Key}.
 *
 * <p>Limits: worker memory only (lost on restart, not shared between workers) and bounded, oldest
 * forgotten first. The relay's own dedupe by header is the durable guard; this one covers the common
 * case of a retry landing on the same worker.
 */
final class DeliveredKeys {
  private final Map<String, Boolean> keys;

  DeliveredKeys(int capacity) {
    this.keys = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized boolean contains(String key) {
    return key != null && keys.containsKey(key);
  }

  synchronized void add(String key) {
    if (key != null) keys.put(key, Boolean.TRUE);
  }
}
