package rack.model;

/**
 * Names and tag keys of rack's own metrics, shared by the code that counts (workflows through the
 * replay-safe {@code Workflow.getMetricsScope()}, activities through
 * {@code Activity.getExecutionContext().getMetricsScope()}) and the worker that exports them.
 *
 * <p>Names follow the Temporal SDK's convention: counters carry no {@code _total} suffix; the
 * Prometheus exposition adds it, so {@link #CHECKS} is scraped as {@code rack_checks_total}. The
 * SDK's reporter adds its own labels to every sample ({@code namespace}, {@code task_queue}, {@code
 * workflow_type}, {@code activity_type}, ... with {@code "none"} where they do not apply), so a
 * counter may be incremented from workflows and activities alike. Prometheus wants one label set
 * per metric name, though: always tag a metric with exactly the keys listed on its constant.
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

  public static final String HOST = "host";
  public static final String KIND = "kind";
  public static final String PHASE = "phase";
  public static final String RECIPIENT = "recipient";
  public static final String STEP = "step";
  public static final String OUTCOME = "outcome";

  private MetricNames() {}
}
