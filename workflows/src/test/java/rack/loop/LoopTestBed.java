package rack.loop;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import rack.config.LoopSettings;
import rack.config.People;
import rack.config.RemediationPolicy;
import rack.config.Thresholds;
import rack.diagnose.DiagnosticBundle;
import rack.model.Finding;
import rack.model.HostSnapshot;

/**
 * A time-skipping Temporal test environment with both loops and the fake activities. Per sdk-java
 * #1219 time only skips while a client waits: tests start, signal, {@link #sleep}, then
 * {@link #result}.
 */
final class LoopTestBed implements AutoCloseable {
  static final String QUEUE = "rack-test";
  static final People PEOPLE = new People("ceo", "dana");

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final WorkflowClient client = env.getWorkflowClient();
  /** What the relay and the host saw, in order (see {@link Fakes.RecordingMessenger#events}). */
  final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
  final Fakes.RecordingMessenger messenger = new Fakes.RecordingMessenger(events);
  final Fakes.FakeRemediation remediation = new Fakes.FakeRemediation(events);
  final Fakes.FakeDiagnostics diagnostics;
  final Fakes.ScriptedHostProbe probe;
  final Fakes.FakeContainment containment = new Fakes.FakeContainment();

  LoopTestBed(DiagnosticBundle bundle, HostSnapshot... snapshots) {
    diagnostics = new Fakes.FakeDiagnostics(bundle);
    probe = new Fakes.ScriptedHostProbe(snapshots.length == 0 ? new HostSnapshot[] {Snapshots.healthy()} : snapshots);
    for (var key : RackSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(IncidentLoopWorkflowImpl.class, AnomalyFollowUpWorkflowImpl.class);
    worker.registerActivitiesImplementations(messenger, remediation, diagnostics, probe, containment);
    env.start();
  }

  static LoopSettings settings(int restartCap) {
    return new LoopSettings(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(10),
        Duration.ofHours(4), Duration.ofHours(24), restartCap);
  }

  static LoopInput input(Finding finding, RemediationPolicy policy) {
    return new LoopInput(finding, settings(3), policy, Thresholds.defaults(), PEOPLE);
  }

  static DiagnosticBundle bundle(HostSnapshot snapshot, Map<String, String> outputs) {
    return new DiagnosticBundle(snapshot, outputs, List.of());
  }

  IncidentLoopWorkflow startIncident(LoopInput input) {
    IncidentLoopWorkflow loop = client.newWorkflowStub(IncidentLoopWorkflow.class, options(input));
    WorkflowClient.start(loop::run, input);
    return loop;
  }

  AnomalyFollowUpWorkflow startAnomaly(LoopInput input) {
    AnomalyFollowUpWorkflow loop = client.newWorkflowStub(AnomalyFollowUpWorkflow.class, options(input));
    WorkflowClient.start(loop::run, input);
    return loop;
  }

  private static WorkflowOptions options(LoopInput input) {
    return WorkflowOptions.newBuilder().setWorkflowId(input.finding().fingerprint()).setTaskQueue(QUEUE).build();
  }

  void sleep(Duration d) {
    env.sleep(d);
  }

  LoopOutcome result(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).getResult(LoopOutcome.class);
  }

  /** The recorded history replays against the current code without non-determinism. */
  void assertReplays(String workflowId, Class<?> implementation) throws Exception {
    WorkflowExecutionHistory history = client.fetchHistory(workflowId);
    WorkflowReplayer.replayWorkflowExecution(history, implementation);
  }

  @Override
  public void close() {
    env.close();
  }
}
