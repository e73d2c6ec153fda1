package rack.model;

/** How bad a finding is. Maps the incident priorities P0..P3 of the protocol (DESIGN A7). */
public enum Severity {
  CRITICAL("Critical", "P0 customer-impacting"),
  HIGH("High", "P1 degraded"),
  MEDIUM("Medium", "P2 minor"),
  LOW("Low", "P3 cosmetic");

  private final String label;
  private final String priority;

  Severity(String label, String priority) {
    this.label = label;
    this.priority = priority;
  }

  public String label() {
    return label;
  }

  public String priority() {
    return priority;
  }

  /** The more severe of two severities (CRITICAL wins). */
  public Severity max(Severity other) {
    return other == null || compareTo(other) <= 0 ? this : other;
  }
}
