package rack.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;

/**
 * Links each status-page service of a check to the containers that serve it (see {@link ServiceLink}),
 * trying in order:
 * <ol>
 *   <li>the host's {@code services} map in rack.yaml: a service name (full, or without its group)
 *       to container names, Compose service names, or other keys of the map;
 *   <li>Compose labels: a container whose {@code com.docker.compose.service} is the service's name,
 *       or whose words are all in it ({@code orders} for "Orders API");
 *   <li>name tokens: the container whose name shares the most words with the service's name
 *       (case-insensitive, split on anything not a letter or digit; replica numbers and the Compose
 *       project are not words of the service), so {@code orders} finds {@code shop-orders-1},
 *       {@code acme_orders} or {@code orders-api}, and "Orders API" finds {@code orders};
 *   <li>a service that is DOWN or DEGRADED while exactly one container is down, restarting or
 *       unhealthy: one problem, even when no name links them.
 * </ol>
 * A rule that finds two different candidates equally good links nothing (replicas of one Compose
 * service, or of one name, are not different): guessing would restart the wrong container. Pure
 * and deterministic: runs inside the monitor workflow.
 */
public final class ServiceLinks {
  private static final int MAX_CONFIG_DEPTH = 5;

  private final Map<String, List<String>> configured;

  public ServiceLinks(Map<String, List<String>> configured) {
    this.configured = configured == null ? Map.of() : configured;
  }

  /**
   * @param broken containers this check found down, restarting or unhealthy
   * @return one link per named service on the status page, in page order
   */
  public List<ServiceLink> link(HostSnapshot snapshot, Set<String> broken) {
    List<ContainerInfo> containers = snapshot.containers().stream()
        .filter(c -> c != null && c.name() != null && !c.name().isBlank()).toList();
    List<ServiceLink> links = new ArrayList<>();
    for (ServiceStatus service : snapshot.services()) {
      if (service == null || service.name() == null || service.name().isBlank()) continue;
      links.add(link(service, containers, broken));
    }
    return links;
  }

  private ServiceLink link(ServiceStatus service, List<ContainerInfo> containers, Set<String> broken) {
    String name = service.name();
    List<String> tried = new ArrayList<>();

    String key = configuredKey(name);
    if (key != null) {
      List<String> found = new ArrayList<>(new LinkedHashSet<>(resolveConfigured(key, containers, new HashSet<>())));
      if (!found.isEmpty()) {
        return new ServiceLink(name, found, ServiceLink.Source.CONFIG, "rack.yaml services: " + key + " -> " + String.join(", ", configured.get(key)));
      }
      // The operator said which containers serve it: rack does not guess past that.
      return new ServiceLink(name, List.of(), ServiceLink.Source.NONE, "rack.yaml links it to "
          + String.join(", ", configured.get(key)) + ", but no container on the host has that name or Compose service"
          + checked(containers));
    }

    Candidates byLabel = byComposeLabel(name, containers);
    if (byLabel.unique()) {
      return new ServiceLink(name, byLabel.names(), ServiceLink.Source.COMPOSE_LABELS,
          "Compose service " + byLabel.cores.iterator().next() + " matches " + quoted(name));
    }
    if (byLabel.ambiguous()) tried.add("Compose services " + String.join(" and ", byLabel.cores) + " match it equally");

    Candidates byName = byNameTokens(name, containers);
    if (byName.unique()) {
      return new ServiceLink(name, byName.names(), ServiceLink.Source.NAME_TOKENS,
          "container name shares " + quoted(byName.shared) + " with " + quoted(name));
    }
    if (byName.ambiguous()) tried.add("names " + String.join(" and ", byName.names()) + " match it equally");

    boolean failing = service.state() == ServiceState.DOWN || service.state() == ServiceState.DEGRADED;
    List<String> brokenHere = containers.stream().map(ContainerInfo::name).filter(broken::contains).distinct().toList();
    if (failing && brokenHere.size() == 1) {
      return new ServiceLink(name, brokenHere, ServiceLink.Source.ONLY_BROKEN_CONTAINER,
          brokenHere.get(0) + " is the only container down, restarting or unhealthy while " + quoted(name) + " is " + service.state());
    }
    if (tried.isEmpty()) tried.add("no rack.yaml link, no Compose service or container name shares a word with " + quoted(name));
    tried.add(brokenHere.isEmpty() ? "no container is down, restarting or unhealthy"
        : brokenHere.size() + " containers are down, restarting or unhealthy (" + String.join(", ", brokenHere) + "), so none is the obvious one");
    return new ServiceLink(name, List.of(), ServiceLink.Source.NONE, "no container linked: " + String.join("; ", tried) + checked(containers));
  }

  // --- 1. the config map ---

  /** The map's key for this service: its full name first, then without the group; case ignored. */
  private String configuredKey(String service) {
    for (String candidate : List.of(service, withoutGroup(service))) {
      for (String key : configured.keySet()) {
        if (key.equalsIgnoreCase(candidate)) return key;
      }
    }
    return null;
  }

  /** Container names, else Compose service names, else other keys of the map (followed a few levels). */
  private List<String> resolveConfigured(String key, List<ContainerInfo> containers, Set<String> seen) {
    List<String> found = new ArrayList<>();
    if (!seen.add(key.toLowerCase(Locale.ROOT)) || seen.size() > MAX_CONFIG_DEPTH) return found;
    for (String target : configured.getOrDefault(key, List.of())) {
      if (target == null) continue;
      List<String> direct = containers.stream()
          .filter(c -> c.name().equalsIgnoreCase(target) || target.equalsIgnoreCase(c.composeService()))
          .map(ContainerInfo::name).toList();
      if (!direct.isEmpty()) {
        found.addAll(direct);
        continue;
      }
      String next = configured.keySet().stream().filter(k -> k.equalsIgnoreCase(target)).findFirst().orElse(null);
      if (next != null) found.addAll(resolveConfigured(next, containers, seen));
    }
    return found;
  }

  // --- 2. Compose labels ---

  /** Exact Compose service name first; else a Compose service whose words are all the service's, or the other way round. */
  private static Candidates byComposeLabel(String service, List<ContainerInfo> containers) {
    Set<String> words = tokens(withoutGroup(service));
    Candidates exact = new Candidates();
    Candidates covering = new Candidates();
    for (ContainerInfo c : containers) {
      if (c.composeService() == null) continue;
      Set<String> label = tokens(c.composeService());
      if (label.isEmpty()) continue;
      if (label.equals(words)) exact.add(c.name(), c.composeService(), label);
      else if (words.containsAll(label) || label.containsAll(words)) covering.add(c.name(), c.composeService(), intersection(words, label));
    }
    return exact.any() ? exact : covering;
  }

  // --- 3. name tokens ---

  /**
   * Scores each container by the words its name shares with the service's, after dropping replica
   * numbers, its Compose project and (when every container has it) a common prefix such as an
   * unlabelled project name. Best score wins; ties go to the name with fewer extra words.
   */
  private static Candidates byNameTokens(String service, List<ContainerInfo> containers) {
    Set<String> words = tokens(withoutGroup(service));
    Map<String, Set<String>> cores = coreWords(containers);
    int bestScore = 0;
    int fewestExtra = Integer.MAX_VALUE;
    Candidates best = new Candidates();
    for (ContainerInfo c : containers) {
      Set<String> core = cores.get(c.name());
      Set<String> shared = intersection(words, core);
      int extra = core.size() - shared.size();
      if (shared.isEmpty()) continue;
      if (shared.size() > bestScore || (shared.size() == bestScore && extra < fewestExtra)) {
        best = new Candidates();
        bestScore = shared.size();
        fewestExtra = extra;
      }
      if (shared.size() == bestScore && extra == fewestExtra) best.add(c.name(), String.join("-", core), shared);
    }
    return best;
  }

  private static Map<String, Set<String>> coreWords(List<ContainerInfo> containers) {
    Map<String, Set<String>> cores = new LinkedHashMap<>();
    for (ContainerInfo c : containers) {
      Set<String> core = tokens(c.name());
      core.removeIf(ServiceLinks::isNumber);
      if (c.composeProject() != null) {
        Set<String> project = tokens(c.composeProject());
        if (!project.containsAll(core)) core.removeAll(project);
      }
      cores.put(c.name(), core);
    }
    if (cores.size() > 1) {
      Set<String> common = new TreeSet<>(cores.values().iterator().next());
      cores.values().forEach(common::retainAll);
      boolean leavesEveryNameAWord = cores.values().stream().allMatch(core -> !common.containsAll(core));
      if (!common.isEmpty() && leavesEveryNameAWord) cores.values().forEach(core -> core.removeAll(common));
    }
    return cores;
  }

  // --- words ---

  /** Lower-case words split on anything that is not a letter or digit: "Orders API" -> {orders, api}. */
  static Set<String> tokens(String text) {
    Set<String> words = new TreeSet<>();
    if (text == null) return words;
    Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+")).filter(w -> !w.isEmpty()).forEach(words::add);
    return words;
  }

  /** {@code staging/orders} -> {@code orders}: the group is where the page files it, not what it is. */
  static String withoutGroup(String service) {
    int slash = service.lastIndexOf('/');
    return slash >= 0 ? service.substring(slash + 1) : service;
  }

  private static boolean isNumber(String word) {
    return word.chars().allMatch(Character::isDigit);
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  private static String checked(List<ContainerInfo> containers) {
    if (containers.isEmpty()) return " (no containers were listed on the host)";
    return " (checked: " + String.join(", ", containers.stream().map(c -> c.name()
        + (c.composeService() == null ? "" : " [compose " + c.composeService() + "]")).toList()) + ")";
  }

  private static String quoted(Object text) {
    return "'" + (text instanceof Set<?> set ? String.join(" ", set.stream().map(String::valueOf).toList()) : text) + "'";
  }

  /**
   * Equally good containers of one rule. Unique = they are all one thing (replicas share their
   * Compose service or their name's words); several different things = ambiguous.
   */
  private static final class Candidates {
    final List<String> containers = new ArrayList<>();
    final Set<String> cores = new TreeSet<>();
    Set<String> shared = new TreeSet<>();

    void add(String container, String core, Set<String> sharedWords) {
      containers.add(container);
      cores.add(core.toLowerCase(Locale.ROOT));
      shared = sharedWords;
    }

    boolean any() {
      return !containers.isEmpty();
    }

    boolean unique() {
      return any() && cores.size() == 1;
    }

    boolean ambiguous() {
      return cores.size() > 1;
    }

    List<String> names() {
      return List.copyOf(containers);
    }
  }
}
