package rack.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.uber.m3.tally.Scope;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The worker's metrics path for a test: rack's registry, the tally scope the SDK reports into
 * (every 100 ms), a test Temporal environment running the given workflow and activities, and
 * {@code /metrics} served over HTTP as in production.
 */
final class MetricsPipeline implements AutoCloseable {
  final PrometheusMeterRegistry registry = RackMetrics.newRegistry();
  final TestWorkflowEnvironment env;
  final MetricsServer server;
  private final Scope scope = RackMetrics.temporalScope(registry, Duration.ofMillis(100));
  private final HttpClient http = HttpClient.newHttpClient();

  MetricsPipeline(String taskQueue, Class<?> workflow, Object activities) throws Exception {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build());
    Worker worker = env.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(workflow);
    worker.registerActivitiesImplementations(activities);
    env.start();
    server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Scrapes until the text is {@code ready}; tally reports on its interval, so the first scrape may be early. */
  String scrapeUntil(Predicate<String> ready) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(base().resolve("/metrics")).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String text;
    do {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      text = response.body();
      if (ready.test(text)) return text;
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return text;
  }

  @Override
  public void close() throws Exception {
    server.close();
    env.close();
    scope.close();
  }
}
