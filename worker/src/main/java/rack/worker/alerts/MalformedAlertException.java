package rack.worker.alerts;

/** The payload cannot be read as an alert from its sender; answered with 400. */
public final class MalformedAlertException extends Exception {
  public MalformedAlertException(String message) {
    super(message);
  }
}
