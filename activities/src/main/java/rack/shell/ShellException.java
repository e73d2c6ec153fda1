package rack.shell;

/** The transport failed: host unreachable, authentication refused, host key rejected, connection lost. */
public class ShellException extends Exception {
  private final boolean hostKeyRejected;
  private final boolean authenticationFailed;

  public ShellException(String message, Throwable cause, boolean hostKeyRejected, boolean authenticationFailed) {
    super(message, cause);
    this.hostKeyRejected = hostKeyRejected;
    this.authenticationFailed = authenticationFailed;
  }

  public ShellException(String message, Throwable cause) {
    this(message, cause, false, false);
  }

  /** The host presented an unknown or changed key: never retried, reported as a security finding. */
  public boolean hostKeyRejected() {
    return hostKeyRejected;
  }

  public boolean authenticationFailed() {
    return authenticationFailed;
  }
}
