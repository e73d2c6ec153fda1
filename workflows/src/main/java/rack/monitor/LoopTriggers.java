package rack.monitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.LoopKind;

/**
 * Groups one check's findings into problems, one loop each. A stopped container shows up twice
 * (exited in {@code docker ps}, DOWN on the status page under the name people gave it) and a miner
 * comes with its cron line, unit and SSH key: the CEO hears about each problem once, not once per
 * symptom.
 *
 * <p>Each finding has the names of what it affects ({@link #names}): its containers (for a
 * status-page finding, the ones the detector linked to the service), its service, else its subject;
 * an anomaly finding has the host (one check's signs of compromise are one compromise). Findings
 * that share a name are one problem, also through a third finding (a service linked to two
 * containers joins both). The main finding of a problem is the most severe (ties: the earlier kind
 * in {@code FindingKind}). The monitor remembers the names of the problems it sent to loops, so a
 * later symptom of an open problem feeds its loop, whichever symptom came first. High host CPU
 * beside a CPU-burning intruder is that intrusion's symptom ({@link #of(List, boolean)}).
 */
final class LoopTriggers {
  /** Anomaly findings about a process that uses CPU itself. */
  private static final Set<FindingKind> CPU_INTRUDERS = Set.of(FindingKind.MINER_PROCESS, FindingKind.UNKNOWN_CPU_PROCESS);

  private LoopTriggers() {}

  /** @param names what the problem affects, e.g. {@code container:shop-orders-1}, {@code service:orders} */
  record Trigger(Set<String> names, Finding main, List<Finding> related) {}

  static List<Trigger> of(List<Finding> findings) {
    return of(findings, true);
  }

  /**
   * @param hostCpuJoinsIntruder high host CPU in a check that also finds a miner or an unknown
   *     process burning CPU is that intrusion's symptom, not a second problem: it joins the anomaly
   *     loop, whose containment ends both (a loop of its own would restart or report on load the
   *     intruder causes, and message the CEO a second time). False only to replay monitor runs from
   *     before this rule.
   */
  static List<Trigger> of(List<Finding> findings, boolean hostCpuJoinsIntruder) {
    boolean intruderBurnsCpu = hostCpuJoinsIntruder && findings.stream().anyMatch(f -> CPU_INTRUDERS.contains(f.kind()));
    return of(findings, f -> {
      Set<String> names = names(f);
      if (!intruderBurnsCpu || f.kind() != FindingKind.HOST_CPU) return names;
      Set<String> joined = new LinkedHashSet<>(names);
      joined.add(anomalyName(f));
      return joined;
    });
  }

  /**
   * Grouping by one exact name (the container, else the service without its group, else the
   * subject): only for replaying a monitor run that started before services were linked.
   */
  static List<Trigger> byExactName(List<Finding> findings) {
    return of(findings, f -> {
      if (f.loopKind() == LoopKind.ANOMALY) return Set.of(anomalyName(f));
      String affected = f.fact("container") != null ? f.fact("container")
          : f.fact("service") != null ? lastSegment(f.fact("service")) : f.subject();
      return Set.of("incident:" + f.host() + ":" + affected);
    });
  }

  private static List<Trigger> of(List<Finding> findings, Function<Finding, Set<String>> namesOf) {
    // Union-find over the findings: two that share a name have one root.
    int[] root = new int[findings.size()];
    Map<String, Integer> firstWithName = new HashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      root[i] = i;
      for (String name : namesOf.apply(findings.get(i))) {
        Integer earlier = firstWithName.putIfAbsent(name, i);
        if (earlier != null) root[find(root, i)] = find(root, earlier);
      }
    }
    // Problems in the order of their first finding, so equal checks give equal loops in equal order.
    Map<Integer, List<Finding>> groups = new LinkedHashMap<>();
    Map<Integer, Set<String>> groupNames = new HashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      int r = find(root, i);
      groups.computeIfAbsent(r, k -> new ArrayList<>()).add(findings.get(i));
      groupNames.computeIfAbsent(r, k -> new LinkedHashSet<>()).addAll(namesOf.apply(findings.get(i)));
    }
    List<Trigger> triggers = new ArrayList<>();
    groups.forEach((r, group) -> {
      List<Finding> sorted = new ArrayList<>(group);
      // A group that holds a sign of compromise is led by it, whatever the severities: the anomaly
      // loop contains and asks a human, where an incident loop would restore (only host CPU joins
      // such a group, see above; other groups hold one loop kind).
      sorted.sort(Comparator.comparing((Finding f) -> f.loopKind() != LoopKind.ANOMALY)
          .thenComparing(Finding::severity).thenComparing(Finding::kind));
      List<Finding> related = List.copyOf(sorted.subList(1, sorted.size()));
      triggers.add(new Trigger(Collections.unmodifiableSet(groupNames.get(r)), withContainer(sorted.get(0), related), related));
    });
    return triggers;
  }

  private static int find(int[] root, int i) {
    while (root[i] != i) i = root[i] = root[root[i]];
    return i;
  }

  /**
   * What a finding affects, as names comparable across findings and checks: the containers it
   * names (or was linked to), its status-page service without the group, else its subject.
   */
  static Set<String> names(Finding f) {
    Set<String> names = new LinkedHashSet<>();
    if (f.loopKind() == LoopKind.ANOMALY) {
      names.add(anomalyName(f));
      return names;
    }
    if (f.kind() == FindingKind.SLOW_RESPONSE) {
      // A slow service is not an outage: its loop restores nothing. Were the service to go DOWN
      // later, feeding that symptom to the slow-response loop would leave it down (restore first),
      // so slowness is a problem of its own.
      names.add(name(f, "slow", lastSegment(f.fact("service") != null ? f.fact("service") : f.subject())));
      return names;
    }
    String containers = f.fact("containers") != null ? f.fact("containers") : f.fact("container");
    if (containers != null) {
      for (String c : containers.split(",")) {
        if (!c.isBlank()) names.add(name(f, "container", c.strip()));
      }
    }
    if (f.fact("service") != null) names.add(name(f, "service", lastSegment(f.fact("service"))));
    if (names.isEmpty()) names.add(name(f, "subject", f.subject() == null ? "" : f.subject()));
    return names;
  }

  private static String anomalyName(Finding f) {
    return "anomaly:" + f.host();
  }

  private static String name(Finding f, String what, String value) {
    return "incident:" + f.host() + ":" + what + ":" + value.toLowerCase(Locale.ROOT);
  }

  /**
   * The loop acts on containers and reads how one stopped (exit code, restart policy) from the main
   * finding. A status-page finding carries the container it is linked to, at most: what docker said
   * about that container (or, for a service the detector could not link, about the container a
   * symptom beside it names) is copied in, so the root cause of a `docker stop` is known whichever
   * symptom leads.
   */
  private static Finding withContainer(Finding main, List<Finding> related) {
    for (Finding r : related) {
      String container = r.fact("container");
      if (container == null || (main.fact("container") != null && !main.fact("container").equals(container))) continue;
      Map<String, String> facts = new TreeMap<>(main.facts());
      for (String key : List.of("container", "exitCode", "restartPolicy")) {
        if (r.fact(key) != null) facts.putIfAbsent(key, r.fact(key));
      }
      if (facts.equals(main.facts())) return main;
      return new Finding(main.host(), main.kind(), main.severity(), main.subject(), main.summary(), main.evidence(), facts);
    }
    return main;
  }

  private static String lastSegment(String service) {
    int slash = service.lastIndexOf('/');
    return slash >= 0 ? service.substring(slash + 1) : service;
  }
}
