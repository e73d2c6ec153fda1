package rack.worker.github;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a pull request event to its loop: the candidate loop ids, most explicit first, narrowed
 * by one visibility query to those running (a {@code fix/} branch yields a candidate per prefix),
 * and the first that takes the signal wins. A server without visibility queries (the SDK's test
 * server) gets a signal attempt per candidate instead. A finished loop counts as unknown: Temporal
 * refuses signals to it.
 */
public final class PullRequestSignaler {
  private static final Logger log = LoggerFactory.getLogger(PullRequestSignaler.class);
  private final WorkflowClient client;

  public PullRequestSignaler(WorkflowClient client) {
    this.client = client;
  }

  /** Where a signal went. */
  public record Delivery(String loopId, String signal) {}

  /** The delivery, or empty when the event names no running loop. */
  public Optional<Delivery> deliver(PullRequestEvent event, String signal) {
    for (String loopId : runningFirst(LoopReference.candidates(event.headRef(), event.body()))) {
      try {
        client.newUntypedWorkflowStub(loopId).signal(signal, event.pullRequest());
        return Optional.of(new Delivery(loopId, signal));
      } catch (WorkflowNotFoundException notRunning) {
        // try the next candidate
      }
    }
    return Optional.empty();
  }

  /** The running candidates in their order, or all of them when the server answers no query. */
  List<String> runningFirst(List<String> candidates) {
    if (candidates.size() < 2) return candidates; // one signal attempt costs what the query would
    try {
      Set<String> running = client.getWorkflowServiceStubs().blockingStub()
          .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setQuery(runningQuery(candidates))
              .build())
          .getExecutionsList().stream().map(e -> e.getExecution().getWorkflowId()).collect(Collectors.toSet());
      return candidates.stream().filter(running::contains).toList();
    } catch (StatusRuntimeException e) {
      // UNIMPLEMENTED on the test server; anything else: the signals below decide as before.
      log.debug("no visibility query ({}); signalling each candidate", e.getStatus().getCode());
      return candidates;
    }
  }

  /** Candidates are well-formed loop ids ([a-z0-9._-], see LoopReference), so quoting them is safe. */
  static String runningQuery(List<String> candidates) {
    return "WorkflowId IN (" + candidates.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
        + ") AND ExecutionStatus = 'Running'";
  }
}
