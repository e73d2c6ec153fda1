package rack.monitor;

import java.time.Instant;
import java.util.List;
import rack.model.Finding;

/** The last check as the monitor's query reports it. */
public record CheckSummary(
    String host, Instant at, int healthScore, List<Finding> findings, List<String> loopsStartedOrFed) {}
