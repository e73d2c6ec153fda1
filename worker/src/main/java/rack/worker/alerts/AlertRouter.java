package rack.worker.alerts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import rack.config.AlertSettings;

/**
 * Which configured host an alert is about: the host named by {@code ?host=} on the sender's URL,
 * else the first route one of whose patterns matches one of the alert's names, else a name that is
 * itself a configured host. Case is ignored; {@code *} in a pattern matches anything.
 */
final class AlertRouter {
  private final List<String> hosts;
  private final List<CompiledRoute> routes;

  private record CompiledRoute(String host, List<Pattern> patterns) {}

  AlertRouter(List<String> hosts, List<AlertSettings.Route> routes) {
    this.hosts = List.copyOf(hosts);
    this.routes = routes.stream()
        .map(r -> new CompiledRoute(r.host(), r.match().stream().map(AlertRouter::glob).toList()))
        .toList();
  }

  Optional<String> hostFor(ReceivedAlert alert, String requestedHost) {
    if (requestedHost != null && !requestedHost.isBlank()) return configured(requestedHost.strip());
    for (CompiledRoute route : routes) {
      for (String name : alert.names()) {
        if (route.patterns().stream().anyMatch(p -> p.matcher(name).matches())) return Optional.of(route.host());
      }
    }
    for (String name : alert.names()) {
      Optional<String> host = configured(name);
      if (host.isPresent()) return host;
    }
    return Optional.empty();
  }

  private Optional<String> configured(String name) {
    return hosts.stream().filter(h -> h.equalsIgnoreCase(name)).findFirst();
  }

  static Pattern glob(String pattern) {
    String regex = java.util.Arrays.stream(pattern.strip().split("\\*", -1))
        .map(part -> Pattern.quote(part.toLowerCase(Locale.ROOT)))
        .collect(java.util.stream.Collectors.joining(".*"));
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
