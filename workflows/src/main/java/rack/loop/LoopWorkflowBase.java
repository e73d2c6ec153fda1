package rack.loop;

import rack.model.AlertNotice;
import rack.model.Finding;

/**
 * Signals and the status query, shared by both loops. Signals only record facts (DESIGN B6); the
 * loop's main method decides what they mean. Fields are initialised here, not in {@code run}, since
 * a signal can be delivered before the main method has started (signal-with-start).
 */
abstract class LoopWorkflowBase implements LoopWorkflow {
  protected final LoopState state = new LoopState();
  protected final PullRequestTracker prs = new PullRequestTracker();

  @Override
  public void prOpened(PullRequest pr) {
    state.note("pr-opened", prs.opened(pr));
  }

  @Override
  public void prMerged(PullRequest pr) {
    state.note("pr-merged", prs.merged(pr));
  }

  @Override
  public void prClosed(PullRequest pr) {
    state.note("pr-closed", prs.closed(pr));
  }

  /** Repeated detections only add evidence: they never message anyone. */
  @Override
  public void observe(Finding finding) {
    state.observed(finding);
  }

  @Override
  public void alertResolved(AlertNotice notice) {
    state.note("alert-resolved", notice == null ? "the alerting monitor reports it resolved" : notice.describe());
  }

  @Override
  public LoopStatus status() {
    return state.status(prs);
  }

  @Override
  public String approve(Decision decision) {
    return take(Decision.approve(decision == null ? null : decision.by(), decision == null ? null : decision.text()));
  }

  @Override
  public void validateApprove(Decision decision) {
    check(Decision.approve(decision == null ? null : decision.by(), decision == null ? null : decision.text()));
  }

  @Override
  public String dismiss(Decision decision) {
    return take(Decision.dismiss(decision == null ? null : decision.by(), decision == null ? null : decision.text()));
  }

  @Override
  public void validateDismiss(Decision decision) {
    check(Decision.dismiss(decision == null ? null : decision.by(), decision == null ? null : decision.text()));
  }

  @Override
  public void decide(Decision decision) {
    String problem = decision == null ? "empty decision" : state.decisionProblem(decision);
    if (problem != null) {
      state.note("decision-ignored", problem);
      return;
    }
    take(decision);
  }

  /** Validators run before the update is written to history: a rejected decision leaves no trace. */
  private void check(Decision decision) {
    String problem = state.decisionProblem(decision);
    if (problem != null) throw new IllegalStateException(problem);
  }

  /** Records the decision; the main method, waiting in {@link HumanDecision}, acts on it. */
  private String take(Decision decision) {
    state.decision = decision.receivedAt(LoopState.now());
    return state.loopId + ": " + (decision.approved() ? "approved; the planned actions run now"
        : "dismissed as a false positive; the loop resolves and the host's baseline accepts it");
  }
}
