package rack.worker.temporal;

/** Temporal could not be reached or refused us; the message is one line for the user. */
public class TemporalUnavailableException extends Exception {
  public TemporalUnavailableException(String message) {
    super(message);
  }
}
