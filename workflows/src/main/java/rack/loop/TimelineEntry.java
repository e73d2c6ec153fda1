package rack.loop;

import java.time.Instant;

/** One step of a loop's history, for {@code ./rack loop show} and the post-mortem. */
public record TimelineEntry(Instant at, String event, String detail) {}
