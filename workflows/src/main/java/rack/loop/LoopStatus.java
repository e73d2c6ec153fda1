package rack.loop;

import java.time.Instant;
import java.util.List;
import rack.messaging.MessageKind;
import rack.model.Finding;
import rack.model.LoopKind;
import rack.model.Severity;
import rack.remedy.ActionRecord;

/**
 * The answer to the {@code status} query: everything {@code ./rack loop show} and the post-mortem
 * need.
 *
 * @param waitingFor what the loop waits for right now, in words ("PR from developer"), or null
 * @param report the diagnostic report (markdown) once written
 * @param decisions what people decided when the loop would not act alone, in order
 */
public record LoopStatus(
    String loopId,
    LoopKind kind,
    String host,
    Phase phase,
    Severity severity,
    Finding finding,
    Instant startedAt,
    String waitingFor,
    PullRequest pullRequest,
    boolean merged,
    int restarts,
    String rootCause,
    String report,
    List<ActionRecord> actions,
    List<MessageKind> messagesSent,
    List<TimelineEntry> timeline,
    LoopOutcome outcome,
    List<Decision> decisions) {

  public LoopStatus {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }
}
