package rack.hostaction;

import io.temporal.failure.ApplicationFailure;
import rack.config.HostConfig;
import rack.config.RackConfig;
import rack.shell.Shell;
import rack.shell.ShellException;
import rack.shell.ShellFactory;

/**
 * Opens a shell to a host by its configured name and turns transport failures into what Temporal
 * should do with them: a lost connection is retried, a rejected host key or refused credentials are
 * not (retrying cannot fix them and the host key case is a security finding).
 */
public final class HostShells {
  public static final String UNKNOWN_HOST = "UnknownHost";
  public static final String HOST_KEY_REJECTED = "HostKeyRejected";
  public static final String AUTH_FAILED = "AuthFailed";
  public static final String TRANSPORT_FAILED = "TransportFailed";

  private final ShellFactory factory;
  private final RackConfig config;

  public HostShells(ShellFactory factory, RackConfig config) {
    this.factory = factory;
    this.config = config;
  }

  public HostConfig host(String name) {
    return config.host(name).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "host '" + name + "' is not in this worker's configuration", UNKNOWN_HOST));
  }

  public Shell open(String name) {
    HostConfig host = host(name);
    try {
      return factory.open(host);
    } catch (ShellException e) {
      throw failure(name, e);
    }
  }

  /** The activity failure for a transport problem: retryable unless host key or auth. */
  public static ApplicationFailure failure(String host, ShellException e) {
    if (e.hostKeyRejected()) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          host + ": SSH host key rejected (unknown or changed key): " + e.getMessage(), HOST_KEY_REJECTED, e);
    }
    if (e.authenticationFailed()) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          host + ": SSH authentication failed: " + e.getMessage(), AUTH_FAILED, e);
    }
    return ApplicationFailure.newFailureWithCause(host + ": " + e.getMessage(), TRANSPORT_FAILED, e);
  }
}
