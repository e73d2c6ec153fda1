package rack.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rack.config.LoopSettings;
import rack.config.People;
import rack.config.RemediationPolicy;
import rack.config.Thresholds;
import rack.detect.Baselines;
import rack.diagnose.DiagnosticBundle;
import rack.diagnose.Diagnostics;
import rack.loop.IncidentLoopWorkflow;
import rack.loop.IncidentLoopWorkflowImpl;
import rack.loop.LoopInput;
import rack.loop.LoopLauncher;
import rack.loop.LoopWorkflow;
import rack.loop.RackSearchAttributes;
import rack.messaging.Message;
import rack.messaging.MessageKind;
import rack.messaging.Messenger;
import rack.messaging.Recipient;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;
import rack.probe.HostProbe;
import rack.remedy.ActionRecord;
import rack.remedy.ApprovedAction;
import rack.remedy.Remediation;

/**
 * Issue 12 end to end in workflow code: a staging host whose status page says "Orders API" while
 * Compose says {@code shop-orders-1}. The monitor, the real incident loop and a launcher that does
 * what {@code LoopLauncherImpl} does (feed the open loop, else signal-with-start on the
 * fingerprint): one problem is one loop and one CEO "anomaly detected", whichever symptom shows first.
 */
class OneProblemOneLoopTest {
  private static final String QUEUE = "one-problem-test";
  private static final Duration INTERVAL = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final String PAGE_NAME = "staging/Orders API";

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final WorkflowClient client = env.getWorkflowClient();
  private final AtomicInteger checks = new AtomicInteger();
  private final List<LoopLauncher.Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> loopsStarted = new CopyOnWriteArrayList<>();
  private final List<Message> sent = new CopyOnWriteArrayList<>();
  private final List<String> restarted = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    env.close();
  }

  // --- the host ---

  private static ContainerInfo orders(String state, String status) {
    return new ContainerInfo("0123456789ab", "shop-orders-1", "shop/orders:1.4", state, status, 0, false,
        "exited".equals(state) ? 1 : null, "unless-stopped", null, null, null, null, "shop", "orders");
  }

  private static final ContainerInfo ORDERS_UP = orders("running", "Up 3 hours");
  private static final ContainerInfo ORDERS_UNHEALTHY = orders("running", "Up 3 hours (unhealthy)");
  private static final ContainerInfo ORDERS_EXITED = orders("exited", "Exited (1) 10 seconds ago");
  private static final ContainerInfo WEB = new ContainerInfo("ba9876543210", "shop-web-1", "shop/web:2.0", "running",
      "Up 3 hours", 0, false, null, "unless-stopped", null, null, null, null, "shop", "web");
  private static final ContainerInfo PAYMENTS_EXITED = new ContainerInfo("cafe00000001", "shop-payments-1", "shop/payments:3",
      "exited", "Exited (2) 5 seconds ago", 0, false, 2, "unless-stopped", null, null, null, null, "shop", "payments");

  private static HostSnapshot snapshot(int n, ServiceState ordersPage, ContainerInfo... containers) {
    return new HostSnapshot("staging", T0.plus(INTERVAL.multipliedBy(n)), true, false, null, true, true, List.of(containers),
        List.of(), null, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(new ServiceStatus(PAGE_NAME, ordersPage, ordersPage == ServiceState.UP ? 40L : null, null)), null, null, List.of());
  }

  // --- the activities ---

  /** Feeds the open loop the monitor names, else signal-with-start on the fingerprint, as LoopLauncherImpl does. */
  private LoopLauncher launcher() {
    return request -> {
      requests.add(request);
      if (request.openLoopId() != null && running(request.openLoopId())) {
        client.newUntypedWorkflowStub(request.openLoopId()).signal(LoopWorkflow.SIGNAL_OBSERVE, request.finding());
        return new LoopLauncher.Launch(request.openLoopId(), false);
      }
      String id = request.finding().fingerprint();
      boolean wasRunning = running(id);
      IncidentLoopWorkflow loop = client.newWorkflowStub(IncidentLoopWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
      BatchRequest batch = client.newSignalWithStartRequest();
      batch.add(loop::run, new LoopInput(request.finding(), LoopSettings.defaults(), RemediationPolicy.defaults(),
          Thresholds.defaults(), new People("ceo", "dana"), request.related()));
      batch.add(loop::observe, request.finding());
      client.signalWithStart(batch);
      if (!wasRunning) loopsStarted.add(id);
      return new LoopLauncher.Launch(id, !wasRunning);
    };
  }

  private boolean running(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getRawDescription().getWorkflowExecutionInfo().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (RuntimeException notFound) {
      return false;
    }
  }

  private Remediation remediation() {
    return new Remediation() {
      @Override
      public ActionRecord restartContainer(String host, String container, String key) {
        restarted.add(container);
        return new ActionRecord("restart-container", host, "docker restart '" + container + "'", 0, "ok", "ok", "done", Instant.EPOCH);
      }

      @Override
      public ActionRecord clearDisk(String host, String mountPoint, String key) {
        throw new AssertionError("no disk to clear");
      }

      @Override
      public ActionRecord killProcess(String host, int pid, String expectedCommand, String key) {
        throw new AssertionError("no process to kill");
      }

      @Override
      public ActionRecord runApproved(String host, ApprovedAction action, String key) {
        throw new AssertionError("nothing to approve");
      }
    };
  }

  private void start(IntFunction<HostSnapshot> script) {
    start(script, 100);
  }

  private void start(IntFunction<HostSnapshot> script, int checksBeforeContinueAsNew) {
    for (var key : RackSearchAttributes.ALL) env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(HostMonitorWorkflowImpl.class, IncidentLoopWorkflowImpl.class);
    HostProbe probe = host -> script.apply(checks.getAndIncrement());
    Messenger messenger = sent::add;
    Diagnostics diagnostics = (host, containers) -> new DiagnosticBundle(script.apply(0), Map.of(), List.of());
    worker.registerActivitiesImplementations(probe, launcher(), messenger, remediation(), diagnostics);
    env.start();
    HostMonitorWorkflow monitor = client.newWorkflowStub(HostMonitorWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(HostMonitorWorkflow.workflowId("staging")).setTaskQueue(QUEUE).build());
    WorkflowClient.start(monitor::run, new MonitorInput("staging", INTERVAL, Thresholds.defaults(), Baselines.empty(),
        checksBeforeContinueAsNew, List.of()));
  }

  private void checks(int count) {
    awaitTrue(() -> checks.get() >= 1, "first check");
    for (int n = 1; n < count; n++) {
      env.sleep(INTERVAL);
      int expected = n + 1;
      awaitTrue(() -> checks.get() >= expected, "check " + expected);
    }
    awaitTrue(() -> ceoStarted().size() >= 1 && !restarted.isEmpty(), "the loop announced and restored");
  }

  private List<Message> ceoStarted() {
    return sent.stream().filter(m -> m.recipient() == Recipient.CEO && m.kind() == MessageKind.LOOP_STARTED).toList();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private void assertOneLoopOneAnnouncement() throws Exception {
    assertEquals(1, loopsStarted.size(), "one loop: " + loopsStarted);
    Thread.sleep(300); // a second announcement, if there were one, would have been sent by now
    assertEquals(1, ceoStarted().size(), "one CEO message 1: " + sent);
    assertTrue(ceoStarted().get(0).text().startsWith("Staging anomaly detected: "), ceoStarted().get(0).text());
    assertEquals(List.of("shop-orders-1"), restarted, "the container restarted, once; never the page's name");
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(loopsStarted.get(0)), IncidentLoopWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(HostMonitorWorkflow.workflowId("staging")), HostMonitorWorkflowImpl.class);
  }

  @Test
  void theStatusPageAndDockerSeeingOneStoppedContainerInOneCheckIsOneLoop() throws Exception {
    start(n -> snapshot(n, ServiceState.DOWN, ORDERS_EXITED, WEB));
    checks(1);
    assertEquals(1, requests.size(), "one trigger for both symptoms");
    LoopLauncher.Request request = requests.get(0);
    assertEquals("service-down", request.finding().kind().slug());
    assertEquals("shop-orders-1", request.finding().fact("container"));
    assertEquals(List.of("container-down"), request.related().stream().map(f -> f.kind().slug()).toList());
    assertOneLoopOneAnnouncement();
  }

  @Test
  void theContainerFirstThenItsServiceFeedTheOneLoop() throws Exception {
    start(n -> n == 0 ? snapshot(n, ServiceState.UP, ORDERS_EXITED, WEB) : snapshot(n, ServiceState.DOWN, ORDERS_EXITED, WEB));
    checks(2);
    awaitTrue(() -> requests.size() >= 2, "the second check's trigger");
    assertNull(requests.get(0).openLoopId());
    assertEquals("incident-staging-container-down-shop-orders-1", loopsStarted.get(0));
    assertEquals(loopsStarted.get(0), requests.get(1).openLoopId(), "the service's symptom feeds the container's loop");
    assertOneLoopOneAnnouncement();
  }

  @Test
  void theMonitorRemembersTheOpenProblemAcrossContinueAsNew() throws Exception {
    start(n -> n == 0 ? snapshot(n, ServiceState.UP, ORDERS_EXITED, WEB) : snapshot(n, ServiceState.DOWN, ORDERS_EXITED, WEB), 1);
    checks(2);
    awaitTrue(() -> requests.size() >= 2, "the second check's trigger, in the monitor's next run");
    assertEquals(loopsStarted.get(0), requests.get(1).openLoopId());
    assertOneLoopOneAnnouncement();
  }

  @Test
  void theServiceFirstThenItsContainerFeedTheOneLoop() throws Exception {
    // Check 0: the page says DOWN, docker says running but unhealthy; check 1: the container has exited, the page flaps UP.
    start(n -> n == 0 ? snapshot(n, ServiceState.DOWN, ORDERS_UNHEALTHY, WEB) : snapshot(n, ServiceState.UP, ORDERS_EXITED, WEB));
    checks(2);
    awaitTrue(() -> requests.size() >= 2, "the second check's trigger");
    assertEquals("service-down", requests.get(0).finding().kind().slug());
    assertEquals("container-down", requests.get(1).finding().kind().slug());
    assertEquals(loopsStarted.get(0), requests.get(1).openLoopId(), "the container's symptom feeds the service's loop");
    assertOneLoopOneAnnouncement();
  }

  @Test
  void anUnrelatedProblemInTheSameCheckGetsItsOwnLoop() throws Exception {
    start(n -> snapshot(n, ServiceState.DOWN, ORDERS_EXITED, WEB, PAYMENTS_EXITED));
    awaitTrue(() -> requests.size() >= 2, "two triggers");
    awaitTrue(() -> ceoStarted().size() >= 2 && restarted.size() >= 2, "both loops announced and restored");
    assertEquals(2, loopsStarted.size(), loopsStarted.toString());
    assertTrue(loopsStarted.contains("incident-staging-container-down-shop-payments-1"), loopsStarted.toString());
    assertEquals(List.of("shop-orders-1", "shop-payments-1"), restarted.stream().sorted().toList());
  }
}
