package rack.loop;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import rack.config.LoopSettings;
import rack.config.People;
import rack.config.RemediationPolicy;
import rack.config.Thresholds;
import rack.model.Finding;

/**
 * What one running loop works with: its input (with defaults filled in), its state, the PR facts,
 * the activities and the messenger. {@link #enter} is the one place a phase changes, so the search
 * attributes and the UI's current details never disagree with the state.
 */
final class LoopContext {
  static final String RESTORE_FIRST = "restore-first";
  final Finding finding;
  final LoopSettings settings;
  final RemediationPolicy policy;
  final Thresholds thresholds;
  final People people;
  /** Findings of the same check that belong to this problem (see {@link LoopInput#related()}). */
  final java.util.List<Finding> related;
  final LoopState state;
  final PullRequestTracker prs;
  final LoopActivities activities = new LoopActivities();
  final LoopMessenger messages;
  /**
   * Loops started since issue 12 restore first: messages go out in the background, the restore covers
   * every symptom of the problem, and a status-page service is restarted only through its linked
   * containers. Loops started before replay as they ran (messages inline, the main finding alone, a
   * service restarted by its name), so their histories stay deterministic.
   */
  final boolean restoreFirst;

  LoopContext(LoopInput input, LoopState state, PullRequestTracker prs) {
    this.finding = input.finding();
    this.settings = input.settings() == null ? LoopSettings.defaults() : input.settings();
    this.policy = input.policy() == null ? RemediationPolicy.defaults() : input.policy();
    this.thresholds = input.thresholds() == null ? Thresholds.defaults() : input.thresholds();
    this.people = input.people() == null ? People.defaults() : input.people();
    this.related = input.related() == null ? java.util.List.of() : input.related();
    this.state = state;
    this.prs = prs;
    state.loopId = Workflow.getInfo().getWorkflowId();
    state.kind = finding.loopKind();
    state.finding = finding;
    state.startedAt = LoopState.now();
    this.restoreFirst = Workflow.getVersion(RESTORE_FIRST, Workflow.DEFAULT_VERSION, 1) >= 1;
    this.messages = new LoopMessenger(state, activities, people, restoreFirst);
    state.note("detected", finding.summary());
    related.forEach(r -> state.note("detected", r.summary()));
  }

  String host() {
    return finding.host();
  }

  String loopId() {
    return state.loopId;
  }

  /** Round of the loop for idempotency keys: 1 until the first recurrence. */
  int round() {
    return state.restarts + 1;
  }

  /** Changes phase: state, timeline, search attributes and the UI's current details together. */
  void enter(Phase phase, String waitingFor, String who) {
    if (!state.counted) {
      state.counted = true;
      LoopMetrics.started(finding.loopKind());
    }
    LoopMetrics.phase(finding.loopKind(), phase);
    state.phase = phase;
    state.waitingFor = waitingFor;
    state.phaseSince = LoopState.now();
    state.note("phase", phase + (waitingFor == null ? "" : ": waiting for " + waitingFor));
    Workflow.upsertTypedSearchAttributes(
        RackSearchAttributes.HOST.valueSet(host()),
        RackSearchAttributes.LOOP_KIND.valueSet(finding.loopKind().id()),
        RackSearchAttributes.PHASE.valueSet(phase.name()),
        RackSearchAttributes.SEVERITY.valueSet(finding.severity().label()));
    Workflow.setCurrentDetails(details(who));
  }

  private String details(String who) {
    StringBuilder md = new StringBuilder();
    md.append("**").append(capitalized(finding.loopKind().title())).append("** on `").append(host()).append("`\n\n");
    md.append("- **Phase:** ").append(state.phase).append(" since ").append(state.phaseSince).append('\n');
    md.append("- **Waiting for:** ").append(state.waitingFor == null ? "nothing" : state.waitingFor).append('\n');
    if (who != null) md.append("- **Who:** ").append(who).append('\n');
    md.append("- **Finding:** ").append(finding.summary()).append(" (").append(finding.severity().label()).append(")\n");
    if (prs.current() != null) {
      md.append("- **PR:** #").append(prs.current().number()).append(' ')
          .append(prs.current().url() == null ? "" : prs.current().url()).append('\n');
    }
    md.append("- **Restarts:** ").append(state.restarts).append(" of ").append(settings.restartCap()).append('\n');
    return md.toString();
  }

  /** Ends the loop: outcome, final phase, and the post-mortem to the developer. */
  LoopOutcome finish(Phase phase, String summary) {
    state.outcome = new LoopOutcome(phase, state.restarts, summary);
    enter(phase, null, null);
    state.note(phase.name().toLowerCase(), summary);
    messages.postMortem(PostMortem.render(state.status(prs)));
    // Messages go out in the background: the loop is over only when they have all been delivered.
    messages.awaitDelivered();
    return state.outcome;
  }

  Duration since(Instant start) {
    return Duration.between(start, LoopState.now());
  }

  static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
