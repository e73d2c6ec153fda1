package rack.detect;

import rack.config.Thresholds;
import rack.model.HostSnapshot;

/**
 * Turns a snapshot plus what earlier checks learned into findings. Pure and deterministic: safe to
 * call from workflow code (no clocks: time comes from the snapshot's {@code takenAt}).
 *
 * <p>PLACEHOLDER: the detection work implements every A2 threshold here.
 */
public final class Detector {
  private final Thresholds thresholds;

  public Detector(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  public Evaluation evaluate(HostSnapshot snapshot, Baselines previous) {
    return new Evaluation(java.util.List.of(), previous == null ? Baselines.empty() : previous, 10);
  }
}
