package rack.detect;

import java.util.List;
import rack.model.Finding;

/**
 * The verdict on one snapshot: what is wrong, the updated baselines to carry to the next check, and
 * a 0-10 health score (10 = all healthy; DESIGN A7), and which containers serve each status-page
 * service ({@link ServiceLinks}), shown by {@code ./rack check}.
 */
public record Evaluation(List<Finding> findings, Baselines baselines, int healthScore, List<ServiceLink> links) {
  public Evaluation {
    findings = findings == null ? List.of() : List.copyOf(findings);
    links = links == null ? List.of() : List.copyOf(links);
  }

  public Evaluation(List<Finding> findings, Baselines baselines, int healthScore) {
    this(findings, baselines, healthScore, List.of());
  }

  public boolean healthy() {
    return findings.isEmpty();
  }
}
