package rack.cli;

import io.temporal.client.WorkflowClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import rack.config.HostConfig;
import rack.config.RackConfig;
import rack.model.Finding;
import rack.monitor.CheckSummary;
import rack.monitor.HostMonitorWorkflow;

/**
 * Dev mode's console: prints one health line per host each time its monitor completes a check
 * (read through the monitor's query, as any other process could), so a newcomer sees rack work.
 */
final class HealthReporter {
  private final WorkflowClient client;
  private final RackConfig config;
  private final Map<String, java.time.Instant> lastSeen = new HashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rack-dev-health");
    t.setDaemon(true);
    return t;
  });

  HealthReporter(WorkflowClient client, RackConfig config) {
    this.client = client;
    this.config = config;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
  }

  void stop() {
    timer.shutdownNow();
  }

  private void poll() {
    for (HostConfig host : config.hosts()) {
      try {
        CheckSummary last = client.newWorkflowStub(HostMonitorWorkflow.class, HostMonitorWorkflow.workflowId(host.name())).lastCheck();
        if (last == null || last.at() == null || last.at().equals(lastSeen.get(host.name()))) continue;
        lastSeen.put(host.name(), last.at());
        System.out.println(line(last));
      } catch (RuntimeException e) {
        // The monitor may be between runs (continue-as-new) or not started yet: try again next tick.
      }
    }
  }

  static String line(CheckSummary s) {
    StringBuilder b = new StringBuilder("[" + s.at() + "] " + s.host() + ": health " + s.healthScore() + "/10, ");
    if (s.findings().isEmpty()) {
      b.append("healthy");
    } else {
      b.append(s.findings().size()).append(" finding(s)");
      for (Finding f : s.findings()) {
        b.append("\n    ").append(f.severity().label()).append(' ').append(f.kind().slug()).append(": ").append(f.summary());
      }
      if (!s.loopsStartedOrFed().isEmpty()) b.append("\n    loops: ").append(String.join(", ", s.loopsStartedOrFed()));
    }
    return b.toString();
  }
}
