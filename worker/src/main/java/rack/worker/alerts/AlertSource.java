package rack.worker.alerts;

import java.util.Arrays;
import java.util.Optional;

/** The monitors rack takes alerts from; each POSTs to {@code /alerts/<path>}. */
public enum AlertSource {
  GATUS("gatus"),
  UPTIME_KUMA("uptime-kuma"),
  ALERTMANAGER("alertmanager");

  private final String path;

  AlertSource(String path) {
    this.path = path;
  }

  /** The last path segment and the name in logs, timelines and responses. */
  public String path() {
    return path;
  }

  public static Optional<AlertSource> ofPath(String segment) {
    return Arrays.stream(values()).filter(s -> s.path.equals(segment)).findFirst();
  }
}
