package rack.loop;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The infrastructure anomaly follow-up loop (DESIGN A4). Workflow id = fingerprint. */
@WorkflowInterface
public interface AnomalyFollowUpWorkflow extends LoopWorkflow {
  String TYPE = "AnomalyFollowUp";

  @WorkflowMethod(name = TYPE)
  LoopOutcome run(LoopInput input);
}
