package rack.status;

import java.util.List;
import rack.model.HostSnapshot.ServiceStatus;

/** The services a status page lists, or why it could not be read ({@code error} non-null). */
public record StatusPageResult(List<ServiceStatus> services, String error) {
  public StatusPageResult {
    services = services == null ? List.of() : List.copyOf(services);
  }

  public static StatusPageResult of(List<ServiceStatus> services) {
    return new StatusPageResult(services, null);
  }

  public static StatusPageResult failed(String error) {
    return new StatusPageResult(List.of(), error);
  }
}
