package rack.worker;

import com.uber.m3.tally.Scope;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rack.config.RackConfig;
import rack.config.TemporalSettings;
import rack.worker.alerts.AlertReceiver;
import rack.worker.alerts.AlertServer;
import rack.worker.github.GithubWebhookServer;
import rack.worker.metrics.MetricsServer;
import rack.worker.metrics.RackMetrics;
import rack.worker.temporal.SearchAttributeRegistry;
import rack.worker.temporal.TemporalConnection;
import rack.worker.temporal.TemporalUnavailableException;

/**
 * Everything a running worker is, started in order and closed in reverse: the Temporal
 * connection (with SDK metrics), rack's search attributes, the worker with its monitors, the
 * Prometheus /metrics endpoint and the GitHub webhook receiver. Shared by {@code rack worker} and
 * {@code rack dev}.
 */
public final class WorkerProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

  private final TemporalConnection temporal;
  private final Scope metricsScope;
  private final RackWorker worker;
  private final Optional<MetricsServer> metrics;
  private final GithubWebhookServer webhook;
  /** The alert receiver's own server, when it does not share the GitHub receiver's port. */
  private final AlertServer alertServer;
  private final int alertPort;

  private WorkerProcess(TemporalConnection temporal, Scope metricsScope, RackWorker worker,
      Optional<MetricsServer> metrics, GithubWebhookServer webhook, AlertServer alertServer, int alertPort) {
    this.temporal = temporal;
    this.metricsScope = metricsScope;
    this.worker = worker;
    this.metrics = metrics;
    this.webhook = webhook;
    this.alertServer = alertServer;
    this.alertPort = alertPort;
  }

  /** A worker process of its own ({@code ./rack worker}). */
  public static WorkerProcess start(RackConfig config, TemporalSettings settings, Map<String, String> env)
      throws TemporalUnavailableException, IOException {
    return start(config, settings, env, false);
  }

  /**
   * @param insideServerProcess the worker runs in the same process as the embedded dev server
   *     ({@code ./rack dev}): it cannot outlive the server, so it keeps sticky queues (each workflow
   *     task then carries only new events instead of replaying the whole history).
   */
  public static WorkerProcess start(RackConfig config, TemporalSettings settings, Map<String, String> env,
      boolean insideServerProcess) throws TemporalUnavailableException, IOException {
    boolean metricsOn = config.metrics() != null && config.metrics().port() > 0;
    PrometheusMeterRegistry registry = metricsOn ? RackMetrics.newRegistry() : null;
    Scope scope = metricsOn ? RackMetrics.temporalScope(registry) : null;
    TemporalConnection temporal = TemporalConnection.connect(settings, env, scope);
    try {
      SearchAttributeRegistry.register(temporal.service(), temporal.namespace());
    } catch (RuntimeException e) {
      // Temporal Cloud refuses OperatorService calls: there an admin creates the attributes.
      log.warn("could not register search attributes ({}); create RackHost, RackLoopKind, RackPhase and "
          + "RackSeverity (Keyword) in namespace {}", e.getMessage(), temporal.namespace());
    }
    boolean stickyQueues = insideServerProcess || !temporal.isEmbeddedDevServer();
    if (!stickyQueues) log.info("embedded dev server: sticky task queues off, so a restarted worker takes over open loops at once");
    RackWorker worker = new RackWorker(config, temporal.client(), stickyQueues);
    worker.start();
    List<String> started = worker.startMonitors();
    log.debug("monitors started: {}", started);
    Optional<MetricsServer> metrics = metricsOn ? MetricsServer.startIfEnabled(config.metrics(), registry) : Optional.empty();
    GithubWebhookServer webhook = config.github() != null ? GithubWebhookServer.start(config.github(), temporal.client()) : null;
    AlertServer alertServer = null;
    int alertPort = -1;
    if (config.alerts() != null) {
      AlertReceiver alerts = AlertReceiver.create(config, temporal.client());
      if (webhook != null && (config.alerts().port() == 0 || config.alerts().port() == webhook.port())) {
        webhook.mount(AlertReceiver.PATH, alerts);
        alertPort = webhook.port();
      } else {
        alertServer = AlertServer.start(config.alerts().port(), alerts);
        alertPort = alertServer.port();
      }
    }
    return new WorkerProcess(temporal, scope, worker, metrics, webhook, alertServer, alertPort);
  }

  public TemporalConnection temporal() {
    return temporal;
  }

  /** One line for the console: what listens where. */
  public String endpoints() {
    StringBuilder b = new StringBuilder();
    metrics.ifPresent(m -> b.append(", metrics on :").append(m.port()).append("/metrics"));
    if (webhook != null) b.append(", GitHub webhook on 127.0.0.1:").append(webhook.port()).append("/github");
    if (alertPort > 0) b.append(", alerts on 127.0.0.1:").append(alertPort).append(AlertReceiver.PATH).append("{gatus,uptime-kuma,alertmanager}");
    return b.toString();
  }

  @Override
  public void close() {
    if (alertServer != null) alertServer.close();
    if (webhook != null) webhook.close();
    worker.close();
    metrics.ifPresent(MetricsServer::close);
    if (metricsScope != null) {
      try {
        metricsScope.close(); // flushes the last counts
      } catch (com.uber.m3.tally.ScopeCloseException e) {
        log.debug("metrics scope did not close cleanly", e);
      }
    }
    temporal.close();
  }
}
