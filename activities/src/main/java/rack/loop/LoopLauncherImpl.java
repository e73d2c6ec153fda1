package rack.loop;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import rack.config.RackConfig;
import rack.model.Finding;
import rack.model.LoopKind;

/**
 * Starts the loop of a finding or feeds the open one, in one signal-with-start call on the
 * finding's fingerprint: the server either delivers {@code observe} to the running loop or starts
 * a new run with the signal already queued. So a repeated detection, a retried activity or two
 * monitors racing never start a second loop, and the loop's first CEO message is sent once.
 */
public class LoopLauncherImpl implements LoopLauncher {
  private final WorkflowClient client;
  private final RackConfig config;

  public LoopLauncherImpl(WorkflowClient client, RackConfig config) {
    this.client = client;
    this.config = config;
  }

  @Override
  public Launch startOrFeed(Request request) {
    Finding finding = request.finding();
    if (request.openLoopId() != null && openRunId(request.openLoopId()) != null) {
      // The same problem, maybe under another main finding this time: its loop is still open.
      client.newUntypedWorkflowStub(request.openLoopId()).signal(LoopWorkflow.SIGNAL_OBSERVE, finding);
      return new Launch(request.openLoopId(), false);
    }
    String loopId = finding.fingerprint();
    String openRunBefore = openRunId(loopId);
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(loopId)
        .setTaskQueue(config.temporal().taskQueue())
        .setStaticSummary(finding.summary())
        .build();
    LoopInput input = new LoopInput(finding, config.loops(), config.remediation(), config.thresholds(), config.people(),
        request.related());
    BatchRequest batch = client.newSignalWithStartRequest();
    if (finding.loopKind() == LoopKind.ANOMALY) {
      AnomalyFollowUpWorkflow loop = client.newWorkflowStub(AnomalyFollowUpWorkflow.class, options);
      batch.add(loop::run, input);
      batch.add(loop::observe, finding);
    } else {
      IncidentLoopWorkflow loop = client.newWorkflowStub(IncidentLoopWorkflow.class, options);
      batch.add(loop::run, input);
      batch.add(loop::observe, finding);
    }
    WorkflowExecution execution = client.signalWithStart(batch);
    // Informational only (duplicates are prevented by the server, not by this answer).
    return new Launch(loopId, !execution.getRunId().equals(openRunBefore));
  }

  /** The run id of the open execution with this id, or null when none is running. */
  private String openRunId(String workflowId) {
    try {
      WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
      var info = stub.describe().getRawDescription().getWorkflowExecutionInfo();
      return info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          ? info.getExecution().getRunId() : null;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) return null;
      throw e;
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return null;
    }
  }
}
