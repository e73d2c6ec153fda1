package rack.loop;

import java.time.Instant;

/**
 * A person's answer to a loop that would not act alone ({@link Phase#AWAITING_DECISION}), from
 * {@code ./rack loop approve|dismiss} (Temporal updates) or the Temporal UI (the {@code decide}
 * signal, JSON {@code {"verdict":"approve","by":"dana","text":"checked with the team"}}).
 *
 * @param verdict {@value #APPROVE} or {@value #DISMISS}
 * @param by who decided, as they gave it (a login name); "someone" when left out
 * @param text the note of an approval (optional) or the reason of a dismissal (required)
 * @param at workflow time the loop received it; set by the loop, not the sender
 */
public record Decision(String verdict, String by, String text, Instant at) {
  public static final String APPROVE = "approve";
  public static final String DISMISS = "dismiss";

  public static Decision approve(String by, String note) {
    return new Decision(APPROVE, by, note, null);
  }

  public static Decision dismiss(String by, String reason) {
    return new Decision(DISMISS, by, reason, null);
  }

  public boolean approved() {
    return APPROVE.equals(verdict);
  }

  public boolean dismissed() {
    return DISMISS.equals(verdict);
  }

  /** Why this decision cannot be taken as given, or null when it can. */
  String problem() {
    if (!approved() && !dismissed()) return "verdict must be '" + APPROVE + "' or '" + DISMISS + "', not '" + verdict + "'";
    if (dismissed() && (text == null || text.isBlank())) return "a dismissal needs a reason (--reason TEXT)";
    return null;
  }

  Decision receivedAt(Instant when) {
    return new Decision(verdict, by == null || by.isBlank() ? "someone" : by.strip(), text == null ? null : text.strip(), when);
  }

  /** "approved by dana at 2026-...: note" for the timeline and the post-mortem. */
  String describe() {
    String what = approved() ? "approved" : "dismissed as a false positive";
    return what + " by " + by + " at " + at + (text == null || text.isBlank() ? "" : ": " + text);
  }
}
