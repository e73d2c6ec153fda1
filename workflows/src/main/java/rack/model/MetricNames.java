package rack.model;

import java.util.Set;

/**
 * Names and tag keys of rack's own metrics, shared by the code that counts (workflows through the
 * replay-safe {@code Workflow.getMetricsScope()}, activities through
 * {@code Activity.getExecutionContext().getMetricsScope()}) and the worker that exports them.
 *
 * <p>Names follow the Temporal SDK's convention: counters carry no {@code _total} suffix; the
 * Prometheus exposition adds it, so {@link #CHECKS} is scraped as {@code rack_checks_total}. The
 * scopes the SDK hands out carry its own tags ({@code namespace}, {@code task_queue}, {@code
 * workflow_type}, {@code activity_type}, ... with {@code "none"} where they do not apply); the
 * worker's registry drops every tag but {@link #TAG_KEYS} from metrics named with {@link #PREFIX},
 * so a counter may be incremented from workflows and activities alike and is scraped with its own
 * labels only. Prometheus wants one label set per metric name: always tag a metric with exactly the
 * keys listed on its constant.
 */
public final class MetricNames {
  /** One health check completed. Tags: {@link #HOST}. Monitor workflow. */
  public static final String CHECKS = "rack_checks";
  /** A finding raised by a check. Tags: {@link #HOST}, {@link #KIND} ({@code FindingKind.slug()}). Monitor workflow. */
  public static final String FINDINGS = "rack_findings";
  /** A loop started. Tags: {@link #KIND} ({@code LoopKind.id()}). Loop workflows, at their start. */
  public static final String LOOPS_STARTED = "rack_loops_started";
  /** A loop entered a phase. Tags: {@link #KIND} ({@code LoopKind.id()}), {@link #PHASE} (lower-case phase name). Loop workflows. */
  public static final String LOOP_PHASE = "rack_loop_phase";
  /** A message handed to the relay. Tags: {@link #KIND}, {@link #RECIPIENT} (lower-case enum names). Messenger activity. */
  public static final String MESSAGES_SENT = "rack_messages_sent";
  /** A remediation or containment step ran. Tags: {@link #STEP}, {@link #OUTCOME} (e.g. done, skipped, failed). Remediation activities. */
  public static final String REMEDIATION_ACTIONS = "rack_remediation_actions";

  /** Every rack metric's name starts with this; the SDK's never do (theirs start with {@code temporal_}). */
  public static final String PREFIX = "rack_";

  public static final String HOST = "host";
  public static final String KIND = "kind";
  public static final String PHASE = "phase";
  public static final String RECIPIENT = "recipient";
  public static final String STEP = "step";
  public static final String OUTCOME = "outcome";

  /** The only labels a rack metric is scraped with. */
  public static final Set<String> TAG_KEYS = Set.of(HOST, KIND, PHASE, RECIPIENT, STEP, OUTCOME);

  private MetricNames() {}
}
