package rack.config;

import java.util.List;

/**
 * Push triggers: alerts from the monitors the team already runs (Gatus, Uptime Kuma, Alertmanager)
 * POSTed to the worker's webhook receiver at {@code /alerts/<source>}.
 *
 * @param port where to listen; 0 (or absent) shares the GitHub webhook receiver's port
 * @param secretFile the shared secret senders present (bearer token or HMAC key); only its path
 *     is here, the receiver reads the file
 * @param routes which host an alert is about, first match wins; an alert naming a configured host
 *     (or sent with {@code ?host=NAME}) needs no route
 */
public record AlertSettings(int port, String secretFile, List<Route> routes) {
  public AlertSettings {
    routes = routes == null ? List.of() : List.copyOf(routes);
  }

  /**
   * @param host a configured host name
   * @param match names that mean this host: a Gatus endpoint group or name, an Uptime Kuma monitor
   *     name or URL host, an Alertmanager label value (host, instance, job...); {@code *} is a
   *     wildcard, case is ignored
   */
  public record Route(String host, List<String> match) {
    public Route {
      match = match == null ? List.of() : List.copyOf(match);
    }
  }
}
