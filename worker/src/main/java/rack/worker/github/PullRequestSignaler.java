package rack.worker.github;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/**
 * Delivers a pull request event to its loop: tries the candidate loop ids in order and signals the
 * first that is running. A finished loop counts as unknown: Temporal refuses signals to it.
 */
public final class PullRequestSignaler {
  private final WorkflowClient client;

  public PullRequestSignaler(WorkflowClient client) {
    this.client = client;
  }

  /** Where a signal went. */
  public record Delivery(String loopId, String signal) {}

  /** The delivery, or empty when the event names no running loop. */
  public Optional<Delivery> deliver(PullRequestEvent event, String signal) {
    for (String loopId : LoopReference.candidates(event.headRef(), event.body())) {
      try {
        client.newUntypedWorkflowStub(loopId).signal(signal, event.pullRequest());
        return Optional.of(new Delivery(loopId, signal));
      } catch (WorkflowNotFoundException notRunning) {
        // try the next candidate
      }
    }
    return Optional.empty();
  }
}
