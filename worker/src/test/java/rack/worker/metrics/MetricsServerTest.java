package rack.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.uber.m3.tally.Scope;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rack.config.MetricsSettings;
import rack.model.MetricNames;

/**
 * Counts through the scopes Temporal hands to workflows and activities, built on
 * {@link RackMetrics#temporalScope}, and reads them back by scraping {@code /metrics} over HTTP.
 */
class MetricsServerTest {
  private static final String TASK_QUEUE = "metrics-test";

  /** A stand-in for the monitor: counts a check and its findings the way workflow code must (replay-safe). */
  @WorkflowInterface
  public interface CountingCheck {
    @WorkflowMethod
    void run(String host, List<String> findingKinds);
  }

  /** A stand-in for the messenger activity: counts a sent message through the activity's scope. */
  @ActivityInterface
  public interface CountingMessenger {
    void send(String kind, String recipient);
  }

  public static class CountingCheckImpl implements CountingCheck {
    private final CountingMessenger messenger = Workflow.newActivityStub(CountingMessenger.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public void run(String host, List<String> findingKinds) {
      Scope metrics = Workflow.getMetricsScope();
      metrics.tagged(Map.of(MetricNames.HOST, host)).counter(MetricNames.CHECKS).inc(1);
      for (String kind : findingKinds) {
        metrics.tagged(Map.of(MetricNames.HOST, host, MetricNames.KIND, kind)).counter(MetricNames.FINDINGS).inc(1);
        messenger.send("loop-started", "ceo");
      }
    }
  }

  public static class CountingMessengerImpl implements CountingMessenger {
    @Override
    public void send(String kind, String recipient) {
      Activity.getExecutionContext().getMetricsScope()
          .tagged(Map.of(MetricNames.KIND, kind, MetricNames.RECIPIENT, recipient))
          .counter(MetricNames.MESSAGES_SENT).inc(1);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsPipeline metrics;

  @BeforeEach
  void start() throws Exception {
    metrics = new MetricsPipeline(TASK_QUEUE, CountingCheckImpl.class, new CountingMessengerImpl());
  }

  @AfterEach
  void stop() throws Exception {
    metrics.close();
  }

  @Test
  void countersFromWorkflowsAndActivitiesAndTemporalsOwnMetricsAreScraped() throws Exception {
    runCheck("staging", List.of());
    runCheck("staging", List.of("service-down"));
    runCheck("lab", List.of("miner-process"));

    // The scope reports every 100 ms: wait for a report that holds every count (or time out),
    // then check the rest of it.
    String scrape = metrics.scrapeUntil(text -> sample(text, "rack_messages_sent_total", "recipient=\"ceo\"").equals(Optional.of(2.0))
        && sample(text, "rack_checks_total", "host=\"staging\"").equals(Optional.of(2.0))
        && sample(text, "rack_checks_total", "host=\"lab\"").isPresent());

    assertEquals(Optional.of(2.0), sample(scrape, "rack_checks_total", "host=\"staging\""));
    assertEquals(Optional.of(1.0), sample(scrape, "rack_checks_total", "host=\"lab\""));
    assertEquals(Optional.of(1.0), sample(scrape, "rack_findings_total", "host=\"staging\"", "kind=\"service-down\""));
    assertEquals(Optional.of(1.0), sample(scrape, "rack_findings_total", "host=\"lab\"", "kind=\"miner-process\""));
    assertEquals(Optional.of(2.0), sample(scrape, "rack_messages_sent_total", "kind=\"loop-started\"", "recipient=\"ceo\""));
    assertTrue(scrape.contains("# TYPE rack_checks_total counter"), "exposed as a Prometheus counter");
    // The SDK's own metrics flow through the same scope: client RPCs and the worker's long polls.
    assertTrue(sample(scrape, "temporal_request_total", "namespace=\"default\"").isPresent(), scrape);
    assertTrue(sample(scrape, "temporal_long_request_total", "namespace=\"default\"").isPresent(), scrape);
  }

  @Test
  void rackMetricsCarryOnlyTheirOwnLabelsAndTheSdksKeepTheirs() throws Exception {
    runCheck("staging", List.of("service-down"));
    runCheck("staging", List.of());

    String scrape = metrics.scrapeUntil(text -> sample(text, "rack_messages_sent_total", "recipient=\"ceo\"").equals(Optional.of(1.0))
        && sample(text, "rack_checks_total", "host=\"staging\"").equals(Optional.of(2.0)));

    // Counted in a workflow's scope and in an activity's, whose SDK tags (workflow_type, task_queue,
    // activity_type, worker_type, namespace, "none" for the rest) differ: none of them is scraped.
    assertEquals(List.of(
            "rack_checks_total{host=\"staging\"} 2.0",
            "rack_findings_total{host=\"staging\",kind=\"service-down\"} 1.0",
            "rack_messages_sent_total{kind=\"loop-started\",recipient=\"ceo\"} 1.0"),
        scrape.lines().filter(l -> l.startsWith(MetricNames.PREFIX)).sorted().toList(), scrape);
    String workflowsCompleted = scrape.lines().filter(l -> l.startsWith("temporal_workflow_completed_total{")).findFirst().orElseThrow();
    assertTrue(workflowsCompleted.contains("namespace=\"default\"") && workflowsCompleted.contains("task_queue=\"" + TASK_QUEUE + "\"")
        && workflowsCompleted.contains("workflow_type=\"CountingCheck\""), workflowsCompleted);
  }

  @Test
  void servesOnlyMetrics() throws Exception {
    URI base = metrics.base();
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> other = http.send(HttpRequest.newBuilder(base.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertEquals(404, other.statusCode());
    assertEquals(405, post.statusCode());
  }

  @Test
  void portZeroTurnsMetricsOff() throws Exception {
    assertEquals(Optional.empty(), MetricsServer.startIfEnabled(new MetricsSettings(0), metrics.registry));
    assertEquals(Optional.empty(), MetricsServer.startIfEnabled(null, metrics.registry));
  }

  private void runCheck(String host, List<String> findingKinds) {
    CountingCheck check = metrics.env.getWorkflowClient().newWorkflowStub(CountingCheck.class,
        WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId("check-" + host + "-" + System.nanoTime()).build());
    check.run(host, findingKinds);
  }

  /** The value of the sample named {@code name} whose labels include all {@code labels}, summed over matches. */
  private static Optional<Double> sample(String scrape, String name, String... labels) {
    Optional<Double> total = Optional.empty();
    for (String line : scrape.split("\n")) {
      if (!line.startsWith(name + "{")) continue;
      String labelText = line.substring(name.length(), line.lastIndexOf('}') + 1);
      if (!List.of(labels).stream().allMatch(l -> labelText.contains("," + l) || labelText.contains("{" + l))) continue;
      double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      total = Optional.of(total.orElse(0.0) + value);
    }
    return total;
  }
}
