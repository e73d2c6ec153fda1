package rack.diagnose;

import java.util.List;

/**
 * What the root-cause rules concluded from the diagnostics (DESIGN A3.5).
 *
 * @param determined false when no rule explained the evidence: the loop escalates to the CEO
 * @param rootCause one line, quoted in the CEO's "PR ready" message
 * @param recommendedFix what the developer should change in code or configuration
 * @param evidence the observations behind the conclusion (log lines, metrics), most telling first
 * @param affectedServices services or containers the problem touches
 */
public record Diagnosis(
    boolean determined, String rootCause, String recommendedFix, List<String> evidence, List<String> affectedServices) {

  public Diagnosis {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    affectedServices = affectedServices == null ? List.of() : List.copyOf(affectedServices);
  }

  public static Diagnosis undetermined(List<String> evidence, List<String> affected) {
    return new Diagnosis(false, "Root cause not determined from the gathered evidence",
        // Worded for both places it is quoted: the report (where the evidence is above it) and the
        // post-mortem's Prevention section (which has no evidence section of its own).
        "Not known yet: no rule explained the evidence in the diagnostic report's Evidence section; "
            + "rack escalated this to the CEO with the full context.",
        evidence, affected);
  }
}
