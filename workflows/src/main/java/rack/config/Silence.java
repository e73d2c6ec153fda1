package rack.config;

import java.time.Instant;
import java.util.List;
import rack.model.FindingKind;

/**
 * A maintenance window for one host: findings of these kinds (all kinds when empty) between
 * {@code from} and {@code until} are recorded by the monitor but start no loop and message no one.
 *
 * @param kinds finding kinds by slug, e.g. {@code disk-full}, {@code service-down}
 * @param from start of the window, or null for "already started"
 * @param until end of the window (required: a silence that never ends hides real outages)
 * @param reason why, for the UI and the check summary
 */
public record Silence(List<String> kinds, Instant from, Instant until, String reason) {
  public Silence {
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
  }

  public boolean covers(FindingKind kind, long nowMillis) {
    boolean started = from == null || from.toEpochMilli() <= nowMillis;
    boolean notOver = until != null && nowMillis < until.toEpochMilli();
    return started && notOver && (kinds.isEmpty() || kinds.contains(kind.slug()));
  }
}
