package rack.messaging;

/** Who a message is for. Names come from the config's {@code people} section. */
public enum Recipient {
  CEO,
  DEVELOPER
}
