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
 * Finds loops in Temporal. Uses ListOpenWorkflowExecutions, which both the real server and the dev
 * server answer (the dev server has no visibility queries).
 */
final class Loops {
  static final Set<String> LOOP_TYPES = Set.of(IncidentLoopWorkflow.TYPE, AnomalyFollowUpWorkflow.TYPE);

  private Loops() {}

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
