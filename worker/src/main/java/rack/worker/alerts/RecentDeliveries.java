package rack.worker.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivery keys already acted on, so a redelivered Alertmanager notification signals nothing
 * twice. Bounded (oldest forgotten first) and in memory: after a worker restart a duplicate can
 * ask for one more check, which is harmless; it can never send a message (the check decides).
 */
final class RecentDeliveries {
  static final int CAPACITY = 10_000;
  private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > CAPACITY;
    }
  };

  synchronized boolean contains(String key) {
    return seen.containsKey(key);
  }

  /** Called only after the delivery was acted on: a failed one must be taken when it is redelivered. */
  synchronized void remember(String key) {
    seen.put(key, Boolean.TRUE);
  }
}
