package rack.detect;

import java.util.ArrayList;
import java.util.List;
import rack.config.Thresholds;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;

/** Runs snapshots through one detector in order, carrying the baselines like the monitor does. */
final class Checks {
  private final Detector detector;
  private Baselines baselines = Baselines.empty();

  Checks(Thresholds thresholds) {
    detector = new Detector(thresholds);
  }

  static Checks withDefaults() {
    return new Checks(Thresholds.defaults());
  }

  Evaluation next(HostSnapshot snapshot) {
    Evaluation e = detector.evaluate(snapshot, baselines);
    baselines = e.baselines();
    return e;
  }

  Evaluation next(SnapshotBuilder snapshot) {
    return next(snapshot.build());
  }

  Baselines baselines() {
    return baselines;
  }

  static List<Finding> of(Evaluation e, FindingKind kind) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : e.findings()) if (f.kind() == kind) out.add(f);
    return out;
  }

  static Finding only(Evaluation e, FindingKind kind) {
    List<Finding> found = of(e, kind);
    if (found.size() != 1) throw new AssertionError("expected one " + kind + " but got " + e.findings());
    return found.get(0);
  }
}
