package rack.messaging;

/**
 * Every kind of message rack sends. The CEO gets exactly the first four (DESIGN A5); the rest are
 * for the developer.
 */
public enum MessageKind {
  LOOP_STARTED(Recipient.CEO),
  PR_READY(Recipient.CEO),
  LOOP_RESOLVED(Recipient.CEO),
  LOOP_RESTARTING(Recipient.CEO),
  ESCALATION(Recipient.CEO),
  DIAGNOSTIC_REPORT(Recipient.DEVELOPER),
  UPDATED_DIAGNOSTICS(Recipient.DEVELOPER),
  PR_REMINDER(Recipient.DEVELOPER),
  PR_CLOSED_UNMERGED(Recipient.DEVELOPER),
  POST_MORTEM(Recipient.DEVELOPER);

  private final Recipient recipient;

  MessageKind(Recipient recipient) {
    this.recipient = recipient;
  }

  public Recipient recipient() {
    return recipient;
  }
}
