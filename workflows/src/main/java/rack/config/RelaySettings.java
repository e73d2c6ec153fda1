package rack.config;

/**
 * The message relay (DESIGN A6). {@code secretFile} is read by the messenger activity at send time.
 * Without a relay section messages go to the worker's console (dev mode).
 */
public record RelaySettings(String url, String secretFile, String from) {
  public RelaySettings {
    from = from == null || from.isBlank() ? "rack" : from;
  }
}
