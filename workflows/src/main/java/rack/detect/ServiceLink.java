package rack.detect;

import java.util.List;

/**
 * Which containers serve one status-page service, and how rack knows. The status page names
 * services the way people do ({@code staging/orders}, "Orders API"); Docker names containers the
 * way Compose does ({@code shop-orders-1}). The loop acts on {@link #containers()} only: a
 * status-page name never reaches a docker command.
 *
 * @param service the name as the status page gives it (with its group, if any)
 * @param containers the linked containers' names; empty when none could be linked
 * @param source which rule made the link, {@link Source#NONE} when none did
 * @param explanation one line for people: why these containers, or which were checked and why none
 */
public record ServiceLink(String service, List<String> containers, Source source, String explanation) {

  public ServiceLink {
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  public boolean linked() {
    return !containers.isEmpty();
  }

  /** The rules, in the order they are tried: the first that links wins. */
  public enum Source {
    /** The host's {@code services} map in rack.yaml. */
    CONFIG("config"),
    /** The {@code com.docker.compose.service} label of the container. */
    COMPOSE_LABELS("compose labels"),
    /** Words shared by the service's and the container's names. */
    NAME_TOKENS("name tokens"),
    /** The service is DOWN or DEGRADED and exactly one container is down, restarting or unhealthy. */
    ONLY_BROKEN_CONTAINER("only broken container"),
    NONE("none");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
