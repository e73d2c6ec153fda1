package rack.loop;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import rack.detect.Detector;
import rack.detect.Evaluation;
import rack.diagnose.IncidentReport;
import rack.model.HostSnapshot;

/**
 * The part both loops share once the developer has the report (DESIGN B2, B6): await the PR, tell
 * the CEO it is ready, await the merge, let the deploy settle, verify over the stabilization window,
 * then resolve, restart with updated diagnostics, or escalate at the restart cap.
 *
 * <p>No PR in time: the developer is reminded after {@code prReminderAfter}; after
 * {@code prEscalateAfter} the CEO is told once and the loop keeps waiting, because the fix still has
 * to come from a PR and ending the loop would lose its history and the link to the PR.
 */
final class PullRequestTail {
  /** What differs between the two loops after the hand-off. */
  interface Fix {
    /** How a verification check recognises the problem. */
    Recurrence recurrence();

    /**
     * The problem came back: act again where that is safe, re-diagnose; returns the updated report,
     * or null when the loop ended meanwhile (a person dismissed it while asked to decide).
     */
    String afterRecurrence(Recurrence.Sighting sighting);
  }

  private final LoopContext loop;
  private int prWaits;

  PullRequestTail(LoopContext loop) {
    this.loop = loop;
  }

  LoopOutcome run(Fix fix) {
    while (true) {
      PullRequest pr = awaitPullRequest();
      loop.messages.prReady(pr, loop.state.rootCause, loop.round());
      if (!awaitMerged()) continue;
      settle();
      Optional<Recurrence.Sighting> recurred = verifyOverStabilization(fix.recurrence());
      if (recurred.isEmpty()) {
        loop.messages.resolved();
        return loop.finish(Phase.RESOLVED, "finding gone for " + PostMortem.human(loop.settings.stabilization()) + " after PR #"
            + loop.prs.current().number() + " was merged");
      }
      loop.prs.startNewRound();
      loop.state.restarts++;
      if (loop.state.restarts > loop.settings.restartCap()) {
        loop.messages.escalate("restart-cap", "the issue came back after " + loop.settings.restartCap()
            + " fixes: " + recurred.get().what(), "Root cause so far: " + loop.state.rootCause
            + "\nrack stops here; the full history is in `./rack loop report " + loop.loopId() + "`.");
        return loop.finish(Phase.ESCALATED, "recurred after " + loop.settings.restartCap() + " fixes: "
            + recurred.get().what());
      }
      loop.messages.restarting(loop.state.restarts);
      loop.state.note("recurred", recurred.get().what());
      String updated = fix.afterRecurrence(recurred.get());
      if (loop.state.outcome != null) return loop.state.outcome;
      loop.messages.updatedDiagnostics(updated, loop.round());
    }
  }

  private PullRequest awaitPullRequest() {
    String developer = loop.people.developer();
    loop.enter(Phase.AWAITING_PR, "a pull request with the fix from " + developer, developer);
    String step = loop.round() + "." + (++prWaits);
    LoopSettingsView t = new LoopSettingsView(loop);
    if (!Waits.until(t.reminder, "await PR; remind " + developer + " after " + PostMortem.human(t.reminder), loop.prs::hasPullRequest)) {
      loop.messages.prReminder(step, "Reminder: " + loop.loopId() + " on " + loop.host() + " still waits for a PR ("
          + loop.finding.summary() + "). " + IncidentReport.linkingSentence(loop.loopId()));
      Duration rest = t.escalate.minus(t.reminder);
      if (!Waits.until(rest, "await PR; escalate to the CEO after " + PostMortem.human(t.escalate), loop.prs::hasPullRequest)) {
        loop.messages.escalate("no-pr#" + step, "no PR from " + developer + " after " + PostMortem.human(t.escalate),
            "Finding: " + loop.finding.summary() + "\nRoot cause: " + loop.state.rootCause
                + "\nThe loop keeps waiting for the PR.");
        loop.enter(Phase.AWAITING_PR, "a pull request from " + developer + " (escalated to the CEO)", developer);
        Workflow.await(loop.prs::hasPullRequest);
      }
    }
    return loop.prs.current();
  }

  /** @return true when merged; false when the PR was closed unmerged (the developer is told) */
  private boolean awaitMerged() {
    loop.enter(Phase.AWAITING_MERGE, "approval and merge of PR #" + loop.prs.current().number(), loop.people.ceo());
    Workflow.await(() -> loop.prs.merged() || loop.prs.closedUnmerged());
    if (loop.prs.merged()) return true;
    loop.messages.prClosedUnmerged(loop.prs.current());
    loop.prs.forgetClosed();
    return false;
  }

  private void settle() {
    int pr = loop.prs.current().number();
    loop.enter(Phase.SETTLING, "the deploy of PR #" + pr + " to settle (" + PostMortem.human(loop.settings.settle()) + ")", null);
    Waits.sleep(loop.settings.settle(), "settle after merge of PR #" + pr);
  }

  /** Clean only when every check over the window is clean and the monitor did not see it again. */
  private Optional<Recurrence.Sighting> verifyOverStabilization(Recurrence recurrence) {
    Duration window = loop.settings.stabilization();
    Duration every = loop.settings.verifyEvery();
    long total = window.toMillis() / Math.max(1, every.toMillis()) + 1;
    loop.enter(Phase.VERIFYING, "the finding to stay gone for " + PostMortem.human(window) + " (" + total + " checks)", null);
    Instant start = LoopState.now();
    Instant end = start.plus(window);
    Detector detector = new Detector(loop.thresholds);
    for (int check = 1; ; check++) {
      Optional<Recurrence.Sighting> seen = check(detector, recurrence, check, total);
      if (seen.isEmpty() && loop.state.observedSince(start)) {
        seen = Optional.of(new Recurrence.Sighting("the monitor detected it again", null));
      }
      if (seen.isPresent()) return seen;
      Duration left = Duration.between(LoopState.now(), end);
      if (left.isZero() || left.isNegative()) return Optional.empty();
      Duration wait = every.compareTo(left) < 0 ? every : left;
      Waits.until(wait, "verification check " + (check + 1) + " of " + total, () -> loop.state.observedSince(start));
    }
  }

  private Optional<Recurrence.Sighting> check(Detector detector, Recurrence recurrence, int check, long total) {
    HostSnapshot snapshot;
    try {
      snapshot = loop.activities.probe("verify " + check + "/" + total + ": check " + loop.host()).collect(loop.host());
    } catch (ActivityFailure e) {
      // Not evidence either way: the window goes on, the next check decides.
      loop.state.note("verify", "check " + check + " could not run: " + e.getMessage());
      return Optional.empty();
    }
    Evaluation evaluation = detector.evaluate(snapshot, loop.state.baselines);
    loop.state.baselines = evaluation.baselines();
    Optional<Recurrence.Sighting> seen = recurrence.check(snapshot, evaluation.findings());
    loop.state.note("verify", "check " + check + " of " + total + ": "
        + seen.map(s -> "recurred: " + s.what()).orElse("clean (health " + evaluation.healthScore() + "/10)"));
    return seen;
  }

  /** The two PR timeouts, with the escalation never before the reminder. */
  private static final class LoopSettingsView {
    final Duration reminder;
    final Duration escalate;

    LoopSettingsView(LoopContext loop) {
      this.reminder = loop.settings.prReminderAfter();
      Duration e = loop.settings.prEscalateAfter();
      this.escalate = e.compareTo(reminder) < 0 ? reminder : e;
    }
  }
}
