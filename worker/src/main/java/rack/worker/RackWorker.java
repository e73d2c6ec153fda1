package rack.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import rack.status.HttpClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rack.config.HostConfig;
import rack.config.RackConfig;
import rack.contain.ContainmentImpl;
import rack.detect.Baselines;
import rack.diagnose.DiagnosticsImpl;
import rack.loop.AnomalyFollowUpWorkflowImpl;
import rack.loop.IncidentLoopWorkflowImpl;
import rack.loop.LoopLauncherImpl;
import rack.messaging.ConsoleMessenger;
import rack.messaging.Messenger;
import rack.messaging.RelayMessenger;
import rack.monitor.HostMonitorWorkflow;
import rack.monitor.HostMonitorWorkflowImpl;
import rack.monitor.MonitorInput;
import rack.probe.HostProbeImpl;
import rack.remedy.RemediationImpl;
import rack.shell.DefaultShellFactory;
import rack.shell.ShellFactory;
import rack.worker.config.DurationText;
import rack.worker.temporal.HeartbeatWhileRunning;

/**
 * The rack worker: registers the workflows and activities on the task queue and keeps one monitor
 * running per configured host. Used by {@code ./rack worker} (production) and {@code ./rack dev}.
 */
public final class RackWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RackWorker.class);
  /** Monitors continue as new after this many checks so their history stays small. */
  static final int CHECKS_PER_RUN = 100;

  private final RackConfig config;
  private final WorkflowClient client;
  private final WorkerFactory factory;
  private final HeartbeatWhileRunning heartbeats = new HeartbeatWhileRunning();

  /**
   * @param stickyQueues keep workflows cached and their tasks on this worker's own queue (the SDK
   *     default). Off against {@code ./rack dev}'s embedded server, which never hands a dead
   *     worker's sticky tasks to another worker: without sticky queues every task goes to the shared
   *     queue and a restarted worker takes over at once (each task then replays its history).
   */
  public RackWorker(RackConfig config, WorkflowClient client, boolean stickyQueues) {
    this.config = config;
    this.client = client;
    this.factory = WorkerFactory.newInstance(client,
        WorkerFactoryOptions.newBuilder().setWorkerInterceptors(heartbeats).build());
    Worker worker = factory.newWorker(config.temporal().taskQueue(), workerOptions(stickyQueues));
    worker.registerWorkflowImplementationTypes(
        HostMonitorWorkflowImpl.class, IncidentLoopWorkflowImpl.class, AnomalyFollowUpWorkflowImpl.class);

    OkHttpClient http = HttpClients.shared();
    ShellFactory shells = new DefaultShellFactory();
    Messenger messenger = config.relay() != null ? new RelayMessenger(config.relay(), config.people(), http)
        : new ConsoleMessenger();
    HostProbeImpl probe = new HostProbeImpl(config, shells, http);
    worker.registerActivitiesImplementations(
        probe,
        new LoopLauncherImpl(client, config),
        new RemediationImpl(shells, config),
        new DiagnosticsImpl(shells, config, probe),
        new ContainmentImpl(shells, config),
        messenger);
  }

  /** A zero sticky schedule-to-start timeout is the SDK's way to send no sticky attributes. */
  static WorkerOptions workerOptions(boolean stickyQueues) {
    WorkerOptions.Builder options = WorkerOptions.newBuilder();
    if (!stickyQueues) options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    return options.build();
  }

  public void start() {
    factory.start();
  }

  /** Starts {@code monitor-<host>} for every host; one already running is left as it is. */
  public List<String> startMonitors() {
    List<String> started = new ArrayList<>();
    for (HostConfig host : config.hosts()) {
      String id = HostMonitorWorkflow.workflowId(host.name());
      HostMonitorWorkflow monitor = client.newWorkflowStub(HostMonitorWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(id)
          .setTaskQueue(config.temporal().taskQueue())
          .setStaticSummary("Monitor " + host.name() + " every " + DurationText.format(host.interval()))
          .build());
      try {
        WorkflowClient.start(monitor::run,
            new MonitorInput(host.name(), host.interval(), config.thresholds(), Baselines.empty(), CHECKS_PER_RUN, host.silences(),
                host.services(), null));
        started.add(id);
      } catch (WorkflowExecutionAlreadyStarted e) {
        log.info("{} is already running; leaving it as it is", id);
      }
    }
    return started;
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    heartbeats.close();
  }
}
