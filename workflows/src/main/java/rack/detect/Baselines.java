package rack.detect;

/**
 * What the checks of one host have learned so far (DESIGN A2 stateful thresholds): previous CPU
 * counters, consecutive high-CPU checks, previous disk usage, restart-count history, response-time
 * baselines, the allowed cron/systemd/authorized_keys baseline. Lives in workflow state (the monitor
 * carries it through continue-as-new), never in worker memory.
 *
 * <p>PLACEHOLDER: the detection work fills in the fields; keep it a record of plain data.
 */
public record Baselines() {
  public static Baselines empty() {
    return new Baselines();
  }
}
