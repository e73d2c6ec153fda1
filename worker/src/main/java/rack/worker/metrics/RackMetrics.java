package rack.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;

/**
 * The worker's metrics pipeline. Temporal's SDK and rack's own counters both count into one tally
 * {@link Scope}; the SDK's {@link MicrometerClientStatsReporter} moves them into a Micrometer
 * {@link PrometheusMeterRegistry}, which {@link MetricsServer} serves.
 *
 * <p>Wiring: build the registry, then pass {@code temporalScope(registry)} to
 * {@code WorkflowServiceStubsOptions.newBuilder().setMetricsScope(scope)} when creating the service
 * stubs. Workers built on a client over those stubs then give workflows
 * ({@code Workflow.getMetricsScope()}) and activities
 * ({@code Activity.getExecutionContext().getMetricsScope()}) child scopes of it, so counters named
 * in {@code rack.model.MetricNames} appear in the scrape as {@code rack_checks_total} etc., with
 * their own labels only.
 */
public final class RackMetrics {
  /**
   * Tally buffers counts and reports them on this period: a scrape sees a count at most this late.
   * Short, because reporting is cheap and a scrape right after a loop step should show it.
   */
  public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(1);

  private RackMetrics() {}

  /** The registry, with rack's metrics limited to their own labels ({@link RackLabelsOnly}). */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new RackLabelsOnly());
    return registry;
  }

  /** The scope for {@code WorkflowServiceStubsOptions.Builder.setMetricsScope}; close it on shutdown (flushes). */
  public static Scope temporalScope(PrometheusMeterRegistry registry) {
    return temporalScope(registry, DEFAULT_REPORT_INTERVAL);
  }

  public static Scope temporalScope(PrometheusMeterRegistry registry, Duration reportInterval) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofMillis(reportInterval.toMillis()));
  }
}
