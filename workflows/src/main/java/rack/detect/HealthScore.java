package rack.detect;

import java.util.List;
import rack.model.Finding;

/**
 * The 0-10 health score of one check (DESIGN A7): 10 minus a penalty per finding, by severity:
 * Critical 5, High 3, Medium 1, Low 0.5; rounded down, never below 0.
 *
 * <p>The weights are chosen so that the protocol's "done when the score is at least 8" cannot be
 * met while any High or Critical finding remains, while one Medium finding (9) or a Low one (9)
 * still counts as healthy enough.
 */
final class HealthScore {
  private HealthScore() {}

  static int of(List<Finding> findings) {
    double penalty = 0;
    for (Finding f : findings) {
      penalty += switch (f.severity()) {
        case CRITICAL -> 5.0;
        case HIGH -> 3.0;
        case MEDIUM -> 1.0;
        case LOW -> 0.5;
      };
    }
    return (int) Math.max(0, Math.floor(10 - penalty));
  }
}
