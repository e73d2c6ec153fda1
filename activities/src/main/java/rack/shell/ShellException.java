package rack.shell;

/**
 * The transport failed: host unreachable, authentication refused, host key rejected, connection
 * lost, or every new session refused until the deadline.
 */
public class ShellException extends Exception {
  private final boolean hostKeyRejected;
  private final boolean authenticationFailed;
  private final boolean sessionsRefused;

  private ShellException(String message, Throwable cause, boolean hostKeyRejected, boolean authenticationFailed,
      boolean sessionsRefused) {
    super(message, cause);
    this.hostKeyRejected = hostKeyRejected;
    this.authenticationFailed = authenticationFailed;
    this.sessionsRefused = sessionsRefused;
  }

  public ShellException(String message, Throwable cause, boolean hostKeyRejected, boolean authenticationFailed) {
    this(message, cause, hostKeyRejected, authenticationFailed, false);
  }

  public ShellException(String message, Throwable cause) {
    this(message, cause, false, false, false);
  }

  /**
   * The connection stands but the server refused every new session channel until the deadline
   * (its {@code MaxSessions} held by others): the host is reachable, the command did not run.
   */
  public static ShellException sessionsRefused(String message, Throwable cause) {
    return new ShellException(message, cause, false, false, true);
  }

  /** The host presented an unknown or changed key: never retried, reported as a security finding. */
  public boolean hostKeyRejected() {
    return hostKeyRejected;
  }

  public boolean authenticationFailed() {
    return authenticationFailed;
  }

  public boolean sessionsRefused() {
    return sessionsRefused;
  }
}
