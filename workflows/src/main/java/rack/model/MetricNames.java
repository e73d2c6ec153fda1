package rack.model;

/**
 * Names and tag keys of rack's own metrics, shared by the code that counts (workflows through the
 * replay-safe {@code Workflow.getMetricsScope()}, activities through
 * {@code Activity.getExecutionContext().getMetricsScope()}) and the worker that exports them.
 *
 * <p>Names follow the Temporal SDK's convention: counters carry no {@code _total} suffix; the
 * Prometheus exposition adds it, so {@link #CHECKS} is scraped as {@code rack_checks_total}. The SDK
 * adds its own tags to those scopes ({@code namespace}, {@code task_queue}, {@code workflow_type} or
 * {@code activity_type}...). Prometheus wants one label set per metric name, so count each metric
 * from one kind of place only: the one named on the constant.
 */
public final class MetricNames {
  /** One health check completed. Tags: {@link #HOST}. Counted by the monitor workflow. */
  public static final String CHECKS = "rack_checks";
  /** A finding raised by a check. Tags: {@link #HOST}, {@link #KIND} (finding kind slug). Monitor workflow. */
  public static final String FINDINGS = "rack_findings";
  /** A loop started. Tags: {@link #KIND} (incident | anomaly). Counted by the loop workflow at its start. */
  public static final String LOOPS_STARTED = "rack_loops_started";
  /** A loop entered a phase. Tags: {@link #KIND} (loop kind), {@link #PHASE}. Loop workflows. */
  public static final String LOOP_PHASE = "rack_loop_phase";
  /** A message handed to the relay. Tags: {@link #KIND} (message kind), {@link #RECIPIENT}. Messenger activity. */
  public static final String MESSAGES_SENT = "rack_messages_sent";
  /** A remediation or containment step ran. Tags: {@link #STEP}, {@link #OUTCOME}. Remediation activities. */
  public static final String REMEDIATION_ACTIONS = "rack_remediation_actions";

  public static final String HOST = "host";
  public static final String KIND = "kind";
  public static final String PHASE = "phase";
  public static final String RECIPIENT = "recipient";
  public static final String STEP = "step";
  public static final String OUTCOME = "outcome";

  private MetricNames() {}
}
