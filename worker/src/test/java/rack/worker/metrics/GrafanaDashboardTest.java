package rack.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uber.m3.tally.Scope;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rack.model.MetricNames;

/**
 * deploy/grafana/rack-dashboard.json only graphs metrics a real rack worker exposes: every panel's
 * PromQL is checked against a scrape of {@code /metrics} over HTTP, served by the worker's own
 * pipeline ({@link RackMetrics}, {@link MetricsServer}) after a workflow and an activity have
 * counted every rack metric with its tags. And every rack metric has a panel.
 */
class GrafanaDashboardTest {
  /** Tests run in the worker module's directory. */
  private static final Path DASHBOARD = Path.of("").toAbsolutePath().getParent().resolve("deploy/grafana/rack-dashboard.json");
  private static final String TASK_QUEUE = "dashboard-test";

  /** Counts each rack metric once the way the monitor and the loops do: from workflow code. */
  @WorkflowInterface
  public interface EveryMetric {
    @WorkflowMethod
    void run(String host);
  }

  /** Counts the remediation step from an activity's scope, as an activity would. */
  @ActivityInterface
  public interface CountingStep {
    void step(String step, String outcome);
  }

  public static class EveryMetricImpl implements EveryMetric {
    private final CountingStep steps = Workflow.newActivityStub(CountingStep.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public void run(String host) {
      Scope m = Workflow.getMetricsScope();
      m.tagged(Map.of(MetricNames.HOST, host)).counter(MetricNames.CHECKS).inc(1);
      m.tagged(Map.of(MetricNames.HOST, host, MetricNames.KIND, "service-down")).counter(MetricNames.FINDINGS).inc(1);
      m.tagged(Map.of(MetricNames.KIND, "incident")).counter(MetricNames.LOOPS_STARTED).inc(1);
      m.tagged(Map.of(MetricNames.KIND, "incident", MetricNames.PHASE, "remediating")).counter(MetricNames.LOOP_PHASE).inc(1);
      m.tagged(Map.of(MetricNames.KIND, "loop_started", MetricNames.RECIPIENT, "ceo")).counter(MetricNames.MESSAGES_SENT).inc(1);
      steps.step("restart-container", "done");
    }
  }

  public static class CountingStepImpl implements CountingStep {
    @Override
    public void step(String step, String outcome) {
      Activity.getExecutionContext().getMetricsScope()
          .tagged(Map.of(MetricNames.STEP, step, MetricNames.OUTCOME, outcome))
          .counter(MetricNames.REMEDIATION_ACTIONS).inc(1);
    }
  }

  private MetricsPipeline metrics;

  @BeforeEach
  void start() throws Exception {
    metrics = new MetricsPipeline(TASK_QUEUE, EveryMetricImpl.class, new CountingStepImpl());
  }

  @AfterEach
  void stop() throws Exception {
    metrics.close();
  }

  @Test
  void everyPanelGraphsAMetricTheWorkerExposesAndEveryRackMetricHasAPanel() throws Exception {
    metrics.env.getWorkflowClient().newWorkflowStub(EveryMetric.class,
        WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId("every-metric").build()).run("acc");
    Set<String> rackSeries = counterSeries(MetricNames.class);
    Set<String> scraped = metricNames(metrics.scrapeUntil(text -> metricNames(text).containsAll(rackSeries)));
    assertTrue(scraped.containsAll(rackSeries), "scraped " + scraped + ", want " + rackSeries);

    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    List<String> queries = queries(dashboard);
    Set<String> graphed = new TreeSet<>();
    for (String query : queries) {
      Set<String> names = PromQlMetricNames.of(query);
      assertFalse(names.isEmpty(), "no metric in: " + query);
      for (String name : names) assertTrue(scraped.contains(name), name + " (in " + query + ") is not in the scrape: " + scraped);
      graphed.addAll(names);
    }
    assertTrue(graphed.containsAll(rackSeries), "rack metrics without a panel: " + difference(rackSeries, graphed));

    for (JsonNode panel : dashboard.get("panels")) {
      // Importable anywhere: the data source is the dashboard's variable, not one installation's uid.
      assertEquals("${datasource}", panel.at("/datasource/uid").asText(), panel.get("title").asText());
      assertEquals("prometheus", panel.at("/datasource/type").asText(), panel.get("title").asText());
    }
  }

  @Test
  void promQlNamesAreMetricsNotFunctionsLabelsOrVariables() {
    assertEquals(Set.of("rack_checks_total"),
        PromQlMetricNames.of("sum by (host) (increase(rack_checks_total{host=~\"$host\",kind!=\"x\"}[$__rate_interval]))"));
    assertEquals(Set.of("a_total", "b_total"), PromQlMetricNames.of("rate(a_total[5m]) / on (host) group_left (kind) b_total > 0"));
    assertEquals(Set.of("rack_checks_total"), PromQlMetricNames.of("label_values(rack_checks_total, host)"));
  }

  /** Every panel's PromQL and every query variable's query. */
  private static List<String> queries(JsonNode dashboard) {
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertTrue(panel.has("targets") && panel.get("targets").size() > 0, "panel without a query: " + panel.get("title"));
      for (JsonNode target : panel.get("targets")) queries.add(target.get("expr").asText());
    }
    for (JsonNode variable : dashboard.at("/templating/list")) {
      if (variable.get("type").asText().equals("query")) queries.add(variable.at("/query/query").asText());
    }
    return queries;
  }

  /** The scraped name of each counter named in {@code names}: Prometheus adds {@code _total}. */
  private static Set<String> counterSeries(Class<?> names) throws IllegalAccessException {
    Set<String> series = new TreeSet<>();
    for (Field f : names.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof String value
          && value.startsWith(MetricNames.PREFIX) && !value.equals(MetricNames.PREFIX)) {
        series.add(value + "_total");
      }
    }
    return series;
  }

  /** The metric names in a scrape (samples only, no comments). */
  private static Set<String> metricNames(String scrape) {
    return scrape.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split("[{ ]", 2)[0])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }
}
