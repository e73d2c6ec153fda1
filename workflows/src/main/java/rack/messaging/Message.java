package rack.messaging;

/**
 * One message through the relay (DESIGN A6).
 *
 * @param idempotencyKey workflow id + step: the relay and the messenger use it so a retried or
 *     replayed send is delivered once
 */
public record Message(MessageKind kind, String text, String idempotencyKey) {
  public Recipient recipient() {
    return kind.recipient();
  }
}
