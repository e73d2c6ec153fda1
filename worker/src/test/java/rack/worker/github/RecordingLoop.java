package rack.worker.github;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import rack.loop.IncidentLoopWorkflow;
import rack.loop.LoopInput;
import rack.loop.LoopOutcome;
import rack.loop.LoopStatus;
import rack.loop.Phase;
import rack.loop.PullRequest;
import rack.model.Finding;

/** A stand-in loop that only records the PR signals it receives, in order, as "signal #number branch url". */
public class RecordingLoop implements IncidentLoopWorkflow, SignalLog {
  private final List<String> received = new ArrayList<>();

  @Override
  public LoopOutcome run(LoopInput input) {
    Workflow.await(() -> false); // runs until the test terminates it
    return new LoopOutcome(Phase.RESOLVED, 0, "unreachable");
  }

  @Override
  public void prOpened(PullRequest pr) {
    record(SIGNAL_PR_OPENED, pr);
  }

  @Override
  public void prMerged(PullRequest pr) {
    record(SIGNAL_PR_MERGED, pr);
  }

  @Override
  public String approve(rack.loop.Decision d) {
    return "approved";
  }

  @Override
  public void validateApprove(rack.loop.Decision d) {}

  @Override
  public String dismiss(rack.loop.Decision d) {
    return "dismissed";
  }

  @Override
  public void validateDismiss(rack.loop.Decision d) {}

  @Override
  public void decide(rack.loop.Decision d) {}

  @Override
  public void prClosed(PullRequest pr) {
    record(SIGNAL_PR_CLOSED, pr);
  }

  @Override
  public void observe(Finding finding) {
    received.add(SIGNAL_OBSERVE);
  }

  @Override
  public LoopStatus status() {
    return null;
  }

  @Override
  public List<String> signals() {
    return received;
  }

  private void record(String signal, PullRequest pr) {
    received.add(signal + " #" + pr.number() + " " + pr.branch() + " " + pr.url());
  }
}
