package rack.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.Severity;

/**
 * Writes the service-container links into a check's findings, where the monitor (grouping) and the
 * loop (what to restart, what the report says) read them:
 * <ul>
 *   <li>a status-page finding gets {@code containers} (comma separated) and {@code container} (the
 *       first), {@code linkedBy} (the {@link ServiceLink.Source} label) and {@code link} (the
 *       explanation), or only {@code link} saying which containers were checked and why none was linked;
 *   <li>a stopped container whose service the status page shows DOWN is Critical: users are affected.
 * </ul>
 */
final class LinkedFindings {
  static final String CONTAINERS = "containers";
  static final String LINKED_BY = "linkedBy";
  static final String LINK = "link";

  private LinkedFindings() {}

  /** Containers this check found down, restarting or unhealthy: the candidates of the single-broken-container rule. */
  static Set<String> broken(HostSnapshot snapshot, List<Finding> findings) {
    Set<String> broken = new TreeSet<>();
    for (Finding f : findings) {
      if ((f.kind() == FindingKind.CONTAINER_DOWN || f.kind() == FindingKind.CONTAINER_RESTARTING) && f.fact("container") != null) {
        broken.add(f.fact("container"));
      }
    }
    for (ContainerInfo c : snapshot.containers()) {
      if (c == null || c.name() == null) continue;
      if (c.unhealthy() || "restarting".equalsIgnoreCase(c.state())) broken.add(c.name());
    }
    return broken;
  }

  static List<Finding> apply(List<Finding> findings, List<ServiceLink> links, HostSnapshot snapshot) {
    Map<String, ServiceLink> byService = new TreeMap<>();
    links.forEach(l -> byService.put(l.service(), l));
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      ServiceLink link = f.fact("service") == null ? null : byService.get(f.fact("service"));
      if (link != null) {
        out.add(withLink(f, link));
      } else if (f.kind() == FindingKind.CONTAINER_DOWN && f.fact("container") != null) {
        out.add(withServiceDown(f, links, snapshot));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  private static Finding withLink(Finding f, ServiceLink link) {
    Map<String, String> facts = new TreeMap<>(f.facts());
    List<String> evidence = new ArrayList<>(f.evidence());
    facts.put(LINK, link.explanation());
    if (link.linked()) {
      facts.put("container", link.containers().get(0));
      facts.put(CONTAINERS, String.join(",", link.containers()));
      facts.put(LINKED_BY, link.source().label());
      evidence.add("served by container " + String.join(", ", link.containers()) + " (linked by " + link.source().label()
          + ": " + link.explanation() + ")");
    } else {
      evidence.add(link.explanation());
    }
    return new Finding(f.host(), f.kind(), f.severity(), f.subject(), f.summary(), evidence, facts);
  }

  private static Finding withServiceDown(Finding f, List<ServiceLink> links, HostSnapshot snapshot) {
    String container = f.fact("container");
    List<String> downServices = new ArrayList<>();
    for (ServiceLink l : links) {
      if (!l.containers().contains(container)) continue;
      boolean down = snapshot.services().stream().anyMatch(s -> s != null && l.service().equals(s.name())
          && s.state() == HostSnapshot.ServiceState.DOWN);
      if (down) downServices.add(l.service());
    }
    if (downServices.isEmpty()) return f;
    List<String> evidence = new ArrayList<>(f.evidence());
    evidence.add("the status page shows " + String.join(", ", downServices) + " DOWN as well");
    return new Finding(f.host(), f.kind(), Severity.CRITICAL, f.subject(), f.summary(), evidence, f.facts());
  }
}
