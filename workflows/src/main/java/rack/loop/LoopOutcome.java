package rack.loop;

/** How a loop ended. */
public record LoopOutcome(Phase finalPhase, int restarts, String summary) {}
