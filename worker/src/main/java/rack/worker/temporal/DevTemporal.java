package rack.worker.temporal;

import java.util.Optional;

/** The Temporal service {@code ./rack dev} runs for itself: a real dev server or the SDK's test server. */
public interface DevTemporal extends AutoCloseable {
  /** host:port of the frontend (gRPC). */
  String address();

  /** The Web UI, when this server has one. */
  Optional<String> uiUrl();

  /** One line for the console: what this server is and what it keeps. */
  String description();

  @Override
  void close();
}
