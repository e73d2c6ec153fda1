package rack.detect;

import java.util.List;
import rack.model.Finding;

/**
 * The verdict on one snapshot: what is wrong, the updated baselines to carry to the next check, and
 * a 0-10 health score (10 = all healthy; DESIGN A7).
 */
public record Evaluation(List<Finding> findings, Baselines baselines, int healthScore) {
  public Evaluation {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  public boolean healthy() {
    return findings.isEmpty();
  }
}
