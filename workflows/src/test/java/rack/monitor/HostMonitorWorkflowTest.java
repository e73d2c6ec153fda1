package rack.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import rack.config.Thresholds;
import rack.detect.Baselines;
import rack.model.AlertNotice;
import rack.model.FindingKind;

class HostMonitorWorkflowTest {
  private static final String QUEUE = "monitor-test";
  private static final Duration INTERVAL = Duration.ofHours(1);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkerFactory factory;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute("RackHost", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    if (factory != null) factory.shutdownNow();
    env.close();
  }

  /**
   * A worker of its own, with its own client and factory, so a test can stop it and start a fresh
   * one (a worker restart).
   */
  private void startWorker(FakeHost host) {
    // A client of its own, like a restarted worker process has.
    WorkflowClient workerClient = WorkflowClient.newInstance(env.getWorkflowServiceStubs(), client.getOptions());
    factory = WorkerFactory.newInstance(workerClient);
    Worker worker = factory.newWorker(QUEUE,
        WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(HostMonitorWorkflowImpl.class);
    worker.registerActivitiesImplementations(host.probe(), host.launcher());
    factory.start();
  }

  private void stopWorker() {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    factory = null;
  }

  private HostMonitorWorkflow startMonitor(int checksBeforeContinueAsNew) {
    return startMonitor(checksBeforeContinueAsNew, List.of());
  }

  private HostMonitorWorkflow startMonitor(int checksBeforeContinueAsNew, List<rack.config.Silence> silences) {
    HostMonitorWorkflow monitor = client.newWorkflowStub(HostMonitorWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(HostMonitorWorkflow.workflowId("staging")).setTaskQueue(QUEUE)
            .build());
    WorkflowClient.start(monitor::run,
        new MonitorInput("staging", INTERVAL, Thresholds.defaults(), Baselines.empty(), checksBeforeContinueAsNew, silences));
    return monitor;
  }

  /** Advances workflow time by one interval and waits (real time) for the check it triggers. */
  private void nextInterval(FakeHost host, int expectedChecks) {
    env.sleep(INTERVAL);
    awaitTrue(() -> host.checks.get() >= expectedChecks, "check " + expectedChecks);
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

  /** The query answers after the workflow task that follows the activity; wait for that too. */
  private static void awaitSummaryOf(HostMonitorWorkflow monitor, int hour) {
    awaitTrue(() -> {
      CheckSummary last = monitor.lastCheck();
      return last != null && last.at().equals(FakeHost.T0.plus(Duration.ofHours(hour)));
    }, "summary of check " + hour);
  }

  /** A worker and a monitor for the host, run through {@code count} hourly checks (hours 0 .. count-1). */
  private HostMonitorWorkflow checked(FakeHost host, int count) {
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitTrue(() -> host.checks.get() >= 1, "first check");
    for (int n = 2; n <= count; n++) nextInterval(host, n);
    awaitSummaryOf(monitor, count - 1);
    return monitor;
  }

  @Test
  void healthyChecksAreSilent() {
    FakeHost host = new FakeHost(FakeHost::healthy);
    HostMonitorWorkflow monitor = checked(host, 3);
    assertEquals(List.of(), host.launched);
    assertEquals(10, monitor.lastCheck().healthScore());
    assertEquals(List.of(), monitor.lastCheck().findings());
  }

  @Test
  void eachCheckWithAFindingCallsTheLauncherOnce() {
    FakeHost host = new FakeHost(FakeHost::diskFull);
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitSummaryOf(monitor, 0);
    assertEquals(1, host.launched.size());
    nextInterval(host, 2);
    nextInterval(host, 3);
    awaitSummaryOf(monitor, 2);
    assertEquals(3, host.launched.size());
    assertEquals(1, host.launched.stream().map(f -> f.fingerprint()).distinct().count());
    assertEquals("incident-staging-disk-full-srv_data", host.launched.get(0).fingerprint());
    assertEquals(List.of("incident-staging-disk-full-srv_data"), monitor.lastCheck().loopsStartedOrFed());
    assertEquals(List.of("incident-staging-disk-full-srv_data"), monitor.loops());
    assertEquals(7, monitor.lastCheck().healthScore());
  }

  @Test
  void silencedFindingsAreRecordedButStartNoLoop() {
    FakeHost host = new FakeHost(FakeHost::diskFull);
    startWorker(host);
    java.time.Instant now = java.time.Instant.ofEpochMilli(env.currentTimeMillis());
    var window = new rack.config.Silence(List.of("disk-full"), now.minusSeconds(60), now.plus(java.time.Duration.ofHours(2)), "disk migration");
    HostMonitorWorkflow monitor = startMonitor(100, List.of(window));
    awaitSummaryOf(monitor, 0);
    assertEquals(List.of(), host.launched, "inside the window: no loop");
    assertEquals(1, monitor.lastCheck().silenced().size());
    assertEquals(List.of(), monitor.lastCheck().loopsStartedOrFed());
    nextInterval(host, 2);
    nextInterval(host, 3); // two hours later the window is over
    awaitSummaryOf(monitor, 2);
    assertEquals(1, host.launched.size(), "after the window the finding starts its loop");
  }

  /**
   * The worker is shut down between checks and a new one (new client, new activity instances, an
   * empty workflow cache) takes over: the streak must come from history. The workers run without
   * sticky queues, as rack's worker does against the embedded dev server: the in-memory server
   * never moves a task off a dead worker's sticky queue (a real server does after 5 s).
   */
  @Test
  void sustainedCpuIsRememberedAcrossAWorkerRestart() {
    FakeHost host = new FakeHost(FakeHost::busyCpu);
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitTrue(() -> host.checks.get() >= 1, "first check");
    nextInterval(host, 2);
    awaitSummaryOf(monitor, 1);
    stopWorker();

    startWorker(host); // new worker, new activity instances: the state must come from history
    nextInterval(host, 3);
    awaitSummaryOf(monitor, 2);
    assertEquals(List.of(), host.launched, "two high checks are not yet 'more than 2'");
    nextInterval(host, 4);
    awaitSummaryOf(monitor, 3);
    assertEquals(1, host.launched.size());
    assertEquals(FindingKind.HOST_CPU, host.launched.get(0).kind());
    assertEquals(3, monitor.baselines().cpu().highStreak());
  }

  @Test
  void aMinerOnEveryCoreIsOneLoopNotAlsoAHostCpuLoop() throws Exception {
    FakeHost host = new FakeHost(FakeHost::minerOnEveryCore);
    HostMonitorWorkflow monitor = checked(host, 4);
    assertTrue(monitor.lastCheck().findings().stream().anyMatch(f -> f.kind() == FindingKind.HOST_CPU),
        "the 4th check finds host CPU high: " + monitor.lastCheck().findings());
    assertTrue(host.launched.stream().allMatch(f -> f.loopKind() == rack.model.LoopKind.ANOMALY),
        "every trigger is led by the intrusion, none by host CPU: " + host.launched);
    assertEquals(1, host.launched.stream().map(rack.model.Finding::fingerprint).distinct().count(), host.launched.toString());
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(HostMonitorWorkflow.workflowId("staging")),
        HostMonitorWorkflowImpl.class);
  }

  @Test
  void baselinesSurviveContinueAsNew() {
    FakeHost host = new FakeHost(FakeHost::busyCpu);
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(2);
    String firstRun = WorkflowStub.fromTyped(monitor).getExecution().getRunId();
    awaitTrue(() -> host.checks.get() >= 1, "first check");
    nextInterval(host, 2);
    nextInterval(host, 3); // third check runs in the second run
    nextInterval(host, 4);
    HostMonitorWorkflow latest = client.newWorkflowStub(HostMonitorWorkflow.class, HostMonitorWorkflow.workflowId("staging"));
    awaitSummaryOf(latest, 3);
    String currentRun = client.newUntypedWorkflowStub(HostMonitorWorkflow.workflowId("staging")).describe()
        .getRawDescription().getWorkflowExecutionInfo().getExecution().getRunId();
    assertNotEquals(firstRun, currentRun);
    assertEquals(1, host.launched.size());
    assertEquals(FindingKind.HOST_CPU, host.launched.get(0).kind());
    WorkflowExecutionHistory firstHistory = client.fetchHistory(HostMonitorWorkflow.workflowId("staging"), firstRun);
    assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, firstHistory.getLastEvent().getEventType());
  }

  @Test
  void checkNowInterruptsTheWait() throws InterruptedException {
    FakeHost host = new FakeHost(FakeHost::healthy);
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitSummaryOf(monitor, 0);
    Thread.sleep(500);
    assertEquals(1, host.checks.get(), "no check before the interval");
    monitor.checkNow();
    awaitTrue(() -> host.checks.get() == 2, "check on demand");
  }

  @Test
  void aCheckNowLeavesNoCancelledTimerUnread() {
    // The SDK logs a failed promise nobody read (the cancelled timer) with its stack trace: noise
    // on ./rack dev's console at every check-now and when the worker stops.
    Logger runner = (Logger) LoggerFactory.getLogger("io.temporal.internal.sync.DeterministicRunnerImpl");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    runner.addAppender(logged);
    try {
      FakeHost host = new FakeHost(FakeHost::healthy);
      startWorker(host);
      HostMonitorWorkflow monitor = startMonitor(100);
      awaitSummaryOf(monitor, 0);
      monitor.checkNow();
      awaitTrue(() -> host.checks.get() == 2, "check on demand");
      monitor.checkNow();
      awaitTrue(() -> host.checks.get() == 3, "second check on demand");
      stopWorker();
      assertEquals(List.of(), logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    } finally {
      runner.detachAppender(logged);
    }
  }

  @Test
  void anAlertStartsACheckAtOnce() {
    FakeHost host = new FakeHost(FakeHost::healthy);
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitSummaryOf(monitor, 0);
    monitor.alert(new AlertNotice("gatus", "api", true, "3 failures"));
    awaitTrue(() -> host.checks.get() == 2, "check on alert");
  }

  @Test
  void aStormOfAlertsIsOneCheck() throws InterruptedException {
    FakeHost host = new FakeHost(FakeHost::healthy);
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitSummaryOf(monitor, 0);
    CountDownLatch inFlight = new CountDownLatch(1);
    host.hold = inFlight;
    for (int i = 0; i < 30; i++) monitor.alert(new AlertNotice("alertmanager", "api-" + i, true, "firing"));
    awaitTrue(() -> host.checks.get() == 2, "the alerted check");
    for (int i = 0; i < 10; i++) monitor.alert(new AlertNotice("gatus", "web", true, "while the check runs"));
    inFlight.countDown();
    Thread.sleep(500);
    assertEquals(2, host.checks.get(), "40 alerts, one check");
  }

  @Test
  void aPausedMonitorIgnoresAlerts() throws InterruptedException {
    FakeHost host = new FakeHost(FakeHost::healthy);
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitSummaryOf(monitor, 0);
    monitor.pause(0);
    monitor.alert(new AlertNotice("uptime-kuma", "api", true, "down during maintenance"));
    Thread.sleep(500);
    assertEquals(1, host.checks.get(), "maintenance expects alerts");
  }

  @Test
  void pauseHoldsChecksUntilResume() throws InterruptedException {
    FakeHost host = new FakeHost(FakeHost::healthy);
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitSummaryOf(monitor, 0);
    monitor.pause(0);
    env.sleep(INTERVAL.multipliedBy(3));
    Thread.sleep(300);
    assertEquals(1, host.checks.get(), "paused: no routine checks");
    monitor.checkNow();
    awaitTrue(() -> host.checks.get() == 2, "a requested check runs even while paused");
    env.sleep(INTERVAL.multipliedBy(2));
    Thread.sleep(300);
    assertEquals(2, host.checks.get(), "still paused after the requested check");
    monitor.resume();
    awaitTrue(() -> host.checks.get() == 3, "overdue check right after resume");
  }

  @Test
  void timedPauseEndsByItself() throws InterruptedException {
    FakeHost host = new FakeHost(FakeHost::healthy);
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitSummaryOf(monitor, 0);
    monitor.pause(150);
    env.sleep(Duration.ofMinutes(140));
    Thread.sleep(300);
    assertEquals(1, host.checks.get(), "the 60-minute check fell inside the pause");
    env.sleep(Duration.ofMinutes(15));
    awaitTrue(() -> host.checks.get() == 2, "check when the pause ends");
  }

  @Test
  void historyReplaysDeterministically() throws Exception {
    FakeHost host = new FakeHost(n -> n % 2 == 0 ? FakeHost.diskFull(n) : FakeHost.busyCpu(n));
    startWorker(host);
    HostMonitorWorkflow monitor = startMonitor(100);
    awaitTrue(() -> host.checks.get() >= 1, "first check");
    nextInterval(host, 2);
    monitor.pause(0);
    monitor.checkNow();
    awaitTrue(() -> host.checks.get() >= 3, "requested check");
    monitor.resume();
    nextInterval(host, 4);
    awaitSummaryOf(monitor, 3);
    monitor.alert(new AlertNotice("gatus", "api", true, null));
    awaitSummaryOf(monitor, 4);
    WorkflowExecutionHistory history = client.fetchHistory(HostMonitorWorkflow.workflowId("staging"));
    assertTrue(history.getEvents().size() > 20, "a real history: " + history.getEvents().size());
    WorkflowReplayer.replayWorkflowExecution(history, HostMonitorWorkflowImpl.class);
  }
}
