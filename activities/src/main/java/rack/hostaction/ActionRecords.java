package rack.hostaction;

import java.time.Clock;
import rack.remedy.ActionRecord;
import rack.shell.CommandResult;

/**
 * Builds the {@link ActionRecord}s of one activity: the exact command, what came back, and one of
 * the four outcomes {@code done | failed | dry-run | refused}.
 */
public final class ActionRecords {
  public static final String DONE = "done";
  public static final String FAILED = "failed";
  public static final String DRY_RUN = "dry-run";
  public static final String REFUSED = "refused";

  /** Enough for a report to show what happened; the digest covers the rest. */
  static final int EXCERPT_CHARS = 2000;

  private final String host;
  private final Clock clock;

  public ActionRecords(String host, Clock clock) {
    this.host = host;
    this.clock = clock;
  }

  /** A command that ran: done when it exited 0, failed otherwise. */
  public ActionRecord ran(String step, CommandResult result) {
    return ran(step, result, null);
  }

  /** As {@link #ran(String, CommandResult)}, with a summary line (e.g. bytes freed) above the output. */
  public ActionRecord ran(String step, CommandResult result, String summary) {
    String output = BoundedText.combined(result);
    String excerpt = summary == null ? output : summary + "\n" + output;
    return new ActionRecord(step, host, result.command(), result.exitCode(), BoundedText.sha256(output),
        BoundedText.head(excerpt, EXCERPT_CHARS), result.ok() ? DONE : FAILED, clock.instant());
  }

  /** Nothing was run because the goal already holds (process gone, line already removed). */
  public ActionRecord alreadyDone(String step, String command, String why) {
    return notRun(step, command, DONE, why);
  }

  public ActionRecord dryRun(String step, String command) {
    return notRun(step, command, DRY_RUN, "dry-run: not executed");
  }

  public ActionRecord refused(String step, String command, String reason) {
    return notRun(step, command, REFUSED, reason);
  }

  private ActionRecord notRun(String step, String command, String outcome, String why) {
    return new ActionRecord(step, host, command, null, BoundedText.sha256(""), why, outcome, clock.instant());
  }
}
