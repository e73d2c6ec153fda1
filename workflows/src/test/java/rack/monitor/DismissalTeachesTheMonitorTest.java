package rack.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rack.config.LoopSettings;
import rack.config.People;
import rack.config.RemediationPolicy;
import rack.config.Thresholds;
import rack.detect.AcceptedEntry;
import rack.detect.Baselines;
import rack.loop.AnomalyFollowUpWorkflow;
import rack.loop.AnomalyFollowUpWorkflowImpl;
import rack.loop.Decision;
import rack.loop.LoopInput;
import rack.loop.LoopLauncher;
import rack.loop.LoopStatus;
import rack.loop.LoopWorkflow;
import rack.loop.Phase;
import rack.loop.RackSearchAttributes;
import rack.messaging.Message;
import rack.messaging.MessageKind;
import rack.messaging.Messenger;
import rack.messaging.Recipient;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ProcessInfo;
import rack.probe.HostProbe;

/**
 * The whole way of a dismissal, with the real monitor and the real anomaly loop: the monitor finds a
 * weakly suspicious process and starts the loop, the loop asks, a person dismisses it, the loop tells
 * the monitor, and the next check does not flag the same process again; {@code forget} undoes it.
 */
class DismissalTeachesTheMonitorTest {
  private static final String QUEUE = "dismissal-test";
  private static final Duration INTERVAL = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final ProcessInfo TOOL = new ProcessInfo(300, 1, "dev", 0.5, 0.1, 3600, "S", "loadgen", "./loadgen --rps 50", "/tmp/loadgen");

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final WorkflowClient client = env.getWorkflowClient();
  private final AtomicInteger checks = new AtomicInteger();
  private final List<Finding> launched = new CopyOnWriteArrayList<>();
  private final List<Message> sent = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    env.close();
  }

  private static HostSnapshot snapshot(int n, boolean toolRuns) {
    return new HostSnapshot("staging", T0.plus(INTERVAL.multipliedBy(n)), true, false, null, true, true, List.of(), List.of(), null,
        null, null, toolRuns ? List.of(TOOL) : List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, List.of());
  }

  /** Starts the loop like the real launcher would (id = fingerprint), once per fingerprint while it runs. */
  private LoopLauncher launcher() {
    return request -> {
      String id = request.finding().fingerprint();
      AnomalyFollowUpWorkflow loop = client.newWorkflowStub(AnomalyFollowUpWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
      WorkflowClient.start(loop::run, new LoopInput(request.finding(), LoopSettings.defaults(), RemediationPolicy.defaults(),
          Thresholds.defaults(), new People("ceo", "dana"), request.related()));
      launched.add(request.finding());
      return new LoopLauncher.Launch(id, true);
    };
  }

  @Test
  void aDismissedProcessIsNotFlaggedByTheNextCheckUntilForgotten() throws Exception {
    for (var key : RackSearchAttributes.ALL) env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(HostMonitorWorkflowImpl.class, AnomalyFollowUpWorkflowImpl.class);
    HostProbe probe = host -> {
      int n = checks.getAndIncrement();
      return snapshot(n, n >= 1);
    };
    Messenger messenger = sent::add;
    worker.registerActivitiesImplementations(probe, launcher(), messenger);
    env.start();

    HostMonitorWorkflow monitor = client.newWorkflowStub(HostMonitorWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(HostMonitorWorkflow.workflowId("staging")).setTaskQueue(QUEUE).build());
    WorkflowClient.start(monitor::run, new MonitorInput("staging", INTERVAL, Thresholds.defaults(), Baselines.empty(), 100, List.of()));
    awaitTrue(() -> checks.get() >= 1, "first check (learns the host)");
    env.sleep(INTERVAL);
    awaitTrue(() -> launched.size() == 1, "the weak finding starts a loop");
    Finding finding = launched.get(0);
    assertEquals(FindingKind.SUSPICIOUS_PROCESS, finding.kind());
    assertEquals("weak", finding.fact("evidenceStrength"));

    LoopWorkflow loop = client.newWorkflowStub(LoopWorkflow.class, finding.fingerprint());
    awaitTrue(() -> {
      try {
        return loop.status().phase() == Phase.AWAITING_DECISION;
      } catch (io.temporal.client.WorkflowException notYetStarted) {
        return false;
      }
    }, "the loop asks");
    loop.dismiss(Decision.dismiss("dana", "our load generator"));
    // Polled, not getResult: that would let the test server skip time past the monitor's next check (sdk-java #1219).
    awaitTrue(() -> loop.status().outcome() != null, "the loop resolves");
    assertEquals(Phase.RESOLVED, loop.status().outcome().finalPhase());
    awaitTrue(() -> !monitor.baselines().accepted().isEmpty(), "the monitor accepts the process");
    AcceptedEntry entry = monitor.baselines().accepted().get(0);
    assertEquals(new AcceptedEntry("process", "loadgen\t/tmp/loadgen\t", finding.fingerprint(), "dana", entry.atMillis()), entry);

    int before = checks.get();
    env.sleep(INTERVAL);
    awaitTrue(() -> monitor.lastCheck() != null && monitor.lastCheck().at().equals(T0.plus(INTERVAL.multipliedBy(before))),
        "the next check");
    assertEquals(List.of(), monitor.lastCheck().findings(), "the dismissed process is not flagged again");
    assertEquals(1, launched.size());
    // Messages are ordered per recipient (each is delivered in the background, after the one before it).
    assertEquals(List.of(MessageKind.ESCALATION, MessageKind.LOOP_RESOLVED),
        sent.stream().filter(m -> m.recipient() == Recipient.CEO).map(Message::kind).toList(), "decision request, resolution");
    assertEquals(List.of(MessageKind.POST_MORTEM),
        sent.stream().filter(m -> m.recipient() == Recipient.DEVELOPER).map(Message::kind).toList(), "post-mortem");

    LoopStatus status = loop.status();
    assertTrue(status.timeline().stream().anyMatch(e -> e.event().equals("baseline") && e.detail().contains("monitor-staging accepts process loadgen")),
        status.timeline().toString());
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(finding.fingerprint()), AnomalyFollowUpWorkflowImpl.class);

    monitor.forget(finding.fingerprint());
    env.sleep(INTERVAL);
    awaitTrue(() -> launched.size() == 2, "forgotten: flagged again");
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(HostMonitorWorkflow.workflowId("staging")), HostMonitorWorkflowImpl.class);
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
