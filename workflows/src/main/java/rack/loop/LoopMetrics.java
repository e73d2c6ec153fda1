package rack.loop;

import io.temporal.workflow.Workflow;
import java.util.Map;
import rack.model.LoopKind;
import rack.model.MetricNames;
import rack.messaging.MessageKind;
import rack.remedy.ActionRecord;

/**
 * The loops' counters, through the replay-safe workflow metrics scope (nothing is counted twice on
 * replay). Exported by the worker's /metrics.
 */
final class LoopMetrics {
  private LoopMetrics() {}

  static void started(LoopKind kind) {
    Workflow.getMetricsScope().tagged(Map.of(MetricNames.KIND, kind.id())).counter(MetricNames.LOOPS_STARTED).inc(1);
  }

  static void phase(LoopKind kind, Phase phase) {
    Workflow.getMetricsScope()
        .tagged(Map.of(MetricNames.KIND, kind.id(), MetricNames.PHASE, phase.name().toLowerCase()))
        .counter(MetricNames.LOOP_PHASE).inc(1);
  }

  static void messageSent(MessageKind kind) {
    Workflow.getMetricsScope()
        .tagged(Map.of(MetricNames.KIND, kind.name().toLowerCase(), MetricNames.RECIPIENT, kind.recipient().name().toLowerCase()))
        .counter(MetricNames.MESSAGES_SENT).inc(1);
  }

  static void action(ActionRecord action) {
    Workflow.getMetricsScope()
        .tagged(Map.of(MetricNames.STEP, String.valueOf(action.step()), MetricNames.OUTCOME, String.valueOf(action.outcome())))
        .counter(MetricNames.REMEDIATION_ACTIONS).inc(1);
  }
}
