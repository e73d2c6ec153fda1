package rack.model;

/**
 * An alert another monitor sent rack (Gatus, Uptime Kuma, Alertmanager), as far as the workflows
 * care: who sent it, about which service, and its one-line text. It travels in signals, so it
 * holds only what the sender wrote, never a secret.
 *
 * @param source {@code gatus}, {@code uptime-kuma} or {@code alertmanager}
 * @param service the endpoint, monitor or alert the sender names; may be null
 * @param firing true for TRIGGERED / DOWN / firing, false for RESOLVED / UP / resolved
 * @param summary the sender's description, already cut to a line
 */
public record AlertNotice(String source, String service, boolean firing, String summary) {
  /** For timelines and the UI: {@code gatus: api TRIGGERED (3 failures)}. */
  public String describe() {
    StringBuilder s = new StringBuilder(source == null ? "alert" : source).append(": ");
    s.append(service == null || service.isBlank() ? "(no service named)" : service);
    s.append(firing ? " TRIGGERED" : " RESOLVED");
    if (summary != null && !summary.isBlank()) s.append(" (").append(summary).append(')');
    return s.toString();
  }
}
