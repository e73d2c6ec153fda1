package rack.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import rack.loop.AnomalyFollowUpWorkflow;
import rack.loop.IncidentLoopWorkflow;
import rack.loop.LoopStatus;
import rack.loop.LoopWorkflow;
import rack.worker.temporal.TemporalConnection;

/**
 * Finds loops in Temporal: a visibility query (ListWorkflowExecutions on rack's search attributes)
 * on a real server, ListOpenWorkflowExecutions on the SDK's test server, which answers no queries.
 */
final class Loops {
  static final Set<String> LOOP_TYPES = Set.of(IncidentLoopWorkflow.TYPE, AnomalyFollowUpWorkflow.TYPE);

  private Loops() {}

  /** Open loop ids, and whether the server already applied the query's host and phase. */
  record Found(List<String> ids, boolean filteredByServer) {}

  static Found openLoops(TemporalConnection t, LoopQuery query) {
    if (t.isEmbeddedDevServer()) return new Found(openLoopIds(t), false);
    try {
      return new Found(queried(t, query.visibilityQuery()), true);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) throw e;
      return new Found(openLoopIds(t), false);
    }
  }

  private static List<String> queried(TemporalConnection t, String query) {
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse r = t.service().blockingStub().listWorkflowExecutions(
          ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(t.namespace())
              .setQuery(query)
              .setPageSize(1000)
              .setNextPageToken(page)
              .build());
      r.getExecutionsList().forEach(info -> ids.add(info.getExecution().getWorkflowId()));
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    return new ArrayList<>(ids);
  }

  static List<String> openLoopIds(TemporalConnection t) {
    // Filtered here as well as by the server: the dev server ignores the type filter.
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse r = t.service().blockingStub().listOpenWorkflowExecutions(
          ListOpenWorkflowExecutionsRequest.newBuilder()
              .setNamespace(t.namespace())
              .setMaximumPageSize(1000)
              .setNextPageToken(page)
              .build());
      for (WorkflowExecutionInfo info : r.getExecutionsList()) {
        if (LOOP_TYPES.contains(info.getType().getName())) ids.add(info.getExecution().getWorkflowId());
      }
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    return new ArrayList<>(ids);
  }

  static Optional<DescribeWorkflowExecutionResponse> describe(TemporalConnection t, String workflowId) {
    try {
      return Optional.of(t.service().blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
          .setNamespace(t.namespace())
          .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
          .build()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static boolean isOpen(TemporalConnection t, String workflowId) {
    return describe(t, workflowId)
        .map(d -> d.getWorkflowExecutionInfo().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .orElse(false);
  }

  /** The loop's workflow, or one clear error when the id names no loop. */
  static DescribeWorkflowExecutionResponse requireLoop(TemporalConnection t, String loopId) {
    DescribeWorkflowExecutionResponse d = describe(t, loopId)
        .orElseThrow(() -> new UserError("no loop with id '" + loopId + "' (see ./rack loops)"));
    if (!LOOP_TYPES.contains(d.getWorkflowExecutionInfo().getType().getName())) {
      throw new UserError("'" + loopId + "' is not a loop but a " + d.getWorkflowExecutionInfo().getType().getName() + " workflow");
    }
    return d;
  }

  static LoopStatus status(TemporalConnection t, String loopId) {
    requireLoop(t, loopId);
    return t.client().newWorkflowStub(LoopWorkflow.class, loopId).status();
  }
}
