package rack.remedy;

import java.time.Instant;

/**
 * One thing rack did (or, in dry-run, would have done) on a host: the report's "Immediate action
 * taken".
 *
 * @param command the exact command run on the host
 * @param exitCode null when not run (dry-run, refused by policy) or killed by a signal
 * @param outputDigest sha256 of stdout+stderr, so the report can cite output it does not repeat
 * @param outputExcerpt the first lines of the output, bounded
 * @param outcome done | failed | dry-run | refused (with the reason in outputExcerpt)
 */
public record ActionRecord(
    String step,
    String host,
    String command,
    Integer exitCode,
    String outputDigest,
    String outputExcerpt,
    String outcome,
    Instant at) {}
