package rack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rack.config.RackConfig;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.LoopKind;
import rack.model.Severity;

class LoopLauncherImplTest {
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private LoopLauncherImpl launcher;

  /** Stand-ins for the real loops (written elsewhere): they only wait and record what they observe. */
  public static class RecordingLoop implements IncidentLoopWorkflow, AnomalyFollowUpWorkflow {
    private final List<Finding> observed = new ArrayList<>();
    private LoopInput input;

    @Override
    public LoopOutcome run(LoopInput input) {
      this.input = input;
      Workflow.await(() -> false);
      return null;
    }

    @Override
    public void observe(Finding finding) {
      observed.add(finding);
    }

    @Override
    public LoopStatus status() {
      List<TimelineEntry> timeline = observed.stream().map(f -> new TimelineEntry(null, "observe", f.summary())).toList();
      return new LoopStatus(Workflow.getInfo().getWorkflowId(), input == null ? null : input.finding().loopKind(),
          null, Phase.DETECTED, null, input == null ? null : input.finding(), null, null, null, false, 0, null, null,
          null, null, timeline, null, null);
    }

    @Override public void prOpened(PullRequest pr) {}
    @Override public void prMerged(PullRequest pr) {}
    @Override public void prClosed(PullRequest pr) {}
    @Override public String approve(Decision d) { return "approved"; }
    @Override public void validateApprove(Decision d) {}
    @Override public String dismiss(Decision d) { return "dismissed"; }
    @Override public void validateDismiss(Decision d) {}
    @Override public void decide(Decision d) {}
  }

  public static class RecordingIncident extends RecordingLoop {}

  public static class RecordingAnomaly extends RecordingLoop {}

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    RackConfig config = RackConfig.localOnly("staging");
    Worker worker = env.newWorker(config.temporal().taskQueue());
    worker.registerWorkflowImplementationFactory(IncidentLoopWorkflow.class, RecordingIncident::new);
    worker.registerWorkflowImplementationFactory(AnomalyFollowUpWorkflow.class, RecordingAnomaly::new);
    env.start();
    client = env.getWorkflowClient();
    launcher = new LoopLauncherImpl(client, config);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private static Finding finding(FindingKind kind, String subject, String summary) {
    return new Finding("staging", kind, Severity.CRITICAL, subject, summary, List.of());
  }

  @Test
  void firstDetectionStartsTheLoopLaterOnesFeedIt() {
    Finding first = finding(FindingKind.SERVICE_DOWN, "api", "api is DOWN on the status page");
    assertTrue(launcher.startOrFeed(new LoopLauncher.Request(first, java.util.List.of(), null)).started());
    assertFalse(launcher.startOrFeed(new LoopLauncher.Request(finding(FindingKind.SERVICE_DOWN, "api", "api is still DOWN"), java.util.List.of(), null)).started());

    LoopStatus status = client.newWorkflowStub(IncidentLoopWorkflow.class, first.fingerprint()).status();
    assertEquals(List.of("api is DOWN on the status page", "api is still DOWN"),
        status.timeline().stream().map(TimelineEntry::detail).toList());
    assertEquals(LoopKind.INCIDENT, status.kind());
    // Static summary: set in WorkflowOptions, but the in-memory test server does not return it for
    // signal-with-start executions (describe gives null), so it is not asserted here.
  }

  @Test
  void anomaliesStartTheAnomalyLoop() {
    Finding miner = finding(FindingKind.MINER_PROCESS, "xmrig", "cryptominer process xmrig");
    assertTrue(launcher.startOrFeed(new LoopLauncher.Request(miner, java.util.List.of(), null)).started());
    assertEquals("AnomalyFollowUp", client.newUntypedWorkflowStub(miner.fingerprint()).describe().getWorkflowType());
    assertEquals(1, client.newWorkflowStub(AnomalyFollowUpWorkflow.class, miner.fingerprint()).status().timeline().size());
  }
}
