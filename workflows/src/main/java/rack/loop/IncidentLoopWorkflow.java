package rack.loop;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The infrastructure monitoring and incident response loop (DESIGN A3). Workflow id = fingerprint. */
@WorkflowInterface
public interface IncidentLoopWorkflow extends LoopWorkflow {
  String TYPE = "IncidentLoop";

  @WorkflowMethod(name = TYPE)
  LoopOutcome run(LoopInput input);
}
