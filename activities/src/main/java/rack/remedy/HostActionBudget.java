package rack.remedy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A second fence behind the loop's own per-host budget: at most {@code perHour} actions per host in
 * any sliding hour. Best effort on purpose: it lives in this worker's memory, so a restart or a
 * second worker starts from zero. The durable budget is the loop workflow's.
 */
public final class HostActionBudget {
  private static final Duration WINDOW = Duration.ofHours(1);

  private final int perHour;
  private final Clock clock;
  private final Map<String, Deque<Instant>> actionsByHost = new HashMap<>();

  public HostActionBudget(int perHour, Clock clock) {
    this.perHour = perHour;
    this.clock = clock;
  }

  /** Takes one action from the host's budget, or says why not. */
  public synchronized Optional<String> tryTake(String host) {
    Instant now = clock.instant();
    Deque<Instant> recent = actionsByHost.computeIfAbsent(host, h -> new ArrayDeque<>());
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) recent.pollFirst();
    if (recent.size() >= perHour) {
      return Optional.of("over budget: " + recent.size() + " actions on " + host + " in the last hour (limit "
          + perHour + "); escalate instead of acting again");
    }
    recent.addLast(now);
    return Optional.empty();
  }
}
