package rack.worker.alerts;

import java.util.List;
import rack.model.AlertNotice;

/**
 * One alert as a sender described it, before it is routed to a host.
 *
 * @param service the endpoint, monitor or alert name the sender gives; may be null
 * @param firing TRIGGERED / DOWN / firing (true) or RESOLVED / UP / resolved (false)
 * @param names every name in the alert that may say which host it is about (group, endpoint, URL
 *     host, label values), for {@link AlertRouter}
 * @param summary one line from the sender, bounded
 * @param deliveryKey identifies a redelivery of the same notification (Alertmanager), or null
 */
public record ReceivedAlert(AlertSource source, String service, boolean firing, List<String> names, String summary,
    String deliveryKey) {
  /** Sender text is untrusted and unbounded: one line, at most this many characters, goes anywhere. */
  static final int MAX_TEXT = 300;

  public ReceivedAlert {
    names = names == null ? List.of() : names.stream().filter(n -> n != null && !n.isBlank()).map(String::strip).distinct().toList();
    service = oneLine(service);
    summary = oneLine(summary);
  }

  public AlertNotice notice() {
    return new AlertNotice(source.path(), service, firing, summary);
  }

  /** Control characters (ANSI escapes, newlines) removed, whitespace collapsed, length capped. */
  static String oneLine(String s) {
    if (s == null) return null;
    String cleaned = s.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\s+", " ").strip();
    if (cleaned.isEmpty()) return null;
    return cleaned.length() > MAX_TEXT ? cleaned.substring(0, MAX_TEXT) + "..." : cleaned;
  }
}
