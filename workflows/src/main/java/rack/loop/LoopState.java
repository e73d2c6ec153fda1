package rack.loop;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import rack.detect.Baselines;
import rack.messaging.MessageKind;
import rack.model.Finding;
import rack.model.LoopKind;
import rack.remedy.ActionRecord;

/**
 * Everything a loop remembers. Lives in the workflow, so it is rebuilt by replay after a worker
 * crash; instants are workflow time ({@link Workflow#currentTimeMillis()}).
 */
final class LoopState {
  String loopId;
  LoopKind kind;
  Finding finding;
  Instant startedAt;
  Phase phase = Phase.DETECTED;
  /** The loop's start has been counted in the metrics (once per loop, not per continue or replay). */
  boolean counted;
  String waitingFor;
  Instant phaseSince;
  int restarts;
  String rootCause;
  String report;
  LoopOutcome outcome;
  /** The answer to the open decision request, set by the approve/dismiss handlers; null while none. */
  Decision decision;
  /** Every decision taken, in order, for the status query and the post-mortem. */
  final List<Decision> decisions = new ArrayList<>();
  /** The detector's memory across verification checks (sustained thresholds need it). */
  Baselines baselines = Baselines.empty();

  final List<ActionRecord> actions = new ArrayList<>();
  /** Workflow times of actions actually run on the host: the remediation budget counts these. */
  final List<Instant> actionTimes = new ArrayList<>();
  final List<MessageKind> messagesSent = new ArrayList<>();
  /** Idempotency keys of every message the loop has sent (or tried to): none is sent twice. */
  final Set<String> messageKeys = new HashSet<>();
  final List<TimelineEntry> timeline = new ArrayList<>();
  /** When the monitor reported the same problem again (observe signals). */
  final List<Instant> observations = new ArrayList<>();

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  void note(String event, String detail) {
    timeline.add(new TimelineEntry(now(), event, detail));
  }

  void recordAction(ActionRecord action, boolean ranOnHost) {
    actions.add(action);
    LoopMetrics.action(action);
    if (ranOnHost) actionTimes.add(now());
    note("action", action.step() + ": " + action.outcome() + " (" + action.command() + ")");
  }

  void observed(Finding again) {
    observations.add(now());
    note("observed", again == null ? "detected again" : again.summary());
  }

  boolean observedSince(Instant since) {
    return observations.stream().anyMatch(at -> !at.isBefore(since));
  }

  /** Why this decision cannot be taken now, or null. */
  String decisionProblem(Decision d) {
    if (phase != Phase.AWAITING_DECISION || decision != null) {
      return "loop " + loopId + " is not awaiting a decision (phase " + phase + ")";
    }
    return d.problem();
  }

  LoopStatus status(PullRequestTracker prs) {
    return new LoopStatus(loopId, kind, finding == null ? null : finding.host(), phase,
        finding == null ? null : finding.severity(), finding, startedAt, waitingFor, prs.current(), prs.merged(),
        restarts, rootCause, report, List.copyOf(actions), List.copyOf(messagesSent), List.copyOf(timeline), outcome,
        List.copyOf(decisions));
  }
}
