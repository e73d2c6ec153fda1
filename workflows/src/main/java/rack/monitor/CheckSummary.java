package rack.monitor;

import java.time.Instant;
import java.util.List;
import rack.model.Finding;

/**
 * The last check as the monitor's query reports it.
 *
 * @param silenced findings inside a maintenance window: recorded here, no loop started
 */
public record CheckSummary(
    String host, Instant at, int healthScore, List<Finding> findings, List<String> loopsStartedOrFed, List<Finding> silenced) {

  public CheckSummary {
    silenced = silenced == null ? List.of() : List.copyOf(silenced);
  }

  public CheckSummary(String host, Instant at, int healthScore, List<Finding> findings, List<String> loopsStartedOrFed) {
    this(host, at, healthScore, findings, loopsStartedOrFed, List.of());
  }
}
