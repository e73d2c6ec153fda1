package rack.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rack.model.Finding;
import rack.model.LoopKind;

/**
 * Groups one check's findings into problems, one loop each. A stopped container shows up twice
 * (exited in {@code docker ps}, DOWN on the status page) and a miner comes with its cron line, unit
 * and SSH key: the CEO hears about each problem once, not once per symptom.
 *
 * <ul>
 *   <li>incident findings group by what they affect: the container, else the status-page service
 *       (without its group), else the subject;
 *   <li>anomaly findings of one check are one compromise of the host.
 * </ul>
 * The main finding of a group is the most severe (ties: the earlier kind in {@code FindingKind}).
 */
final class LoopTriggers {
  private LoopTriggers() {}

  record Trigger(String key, Finding main, List<Finding> related) {}

  static List<Trigger> of(List<Finding> findings) {
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    for (Finding f : findings) {
      groups.computeIfAbsent(key(f), k -> new ArrayList<>()).add(f);
    }
    List<Trigger> triggers = new ArrayList<>();
    groups.forEach((key, group) -> {
      List<Finding> sorted = new ArrayList<>(group);
      sorted.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::kind));
      List<Finding> related = List.copyOf(sorted.subList(1, sorted.size()));
      triggers.add(new Trigger(key, withContainer(sorted.get(0), related), related));
    });
    return triggers;
  }

  /**
   * A status-page finding names a service; the loop acts on containers. When a symptom beside it
   * names the container (exited in docker ps), the main finding carries that name too.
   */
  private static Finding withContainer(Finding main, List<Finding> related) {
    if (main.fact("container") != null) return main;
    for (Finding r : related) {
      if (r.fact("container") != null) {
        Map<String, String> facts = new java.util.TreeMap<>(main.facts());
        for (String key : List.of("container", "exitCode", "restartPolicy")) {
          if (r.fact(key) != null) facts.putIfAbsent(key, r.fact(key));
        }
        return new Finding(main.host(), main.kind(), main.severity(), main.subject(), main.summary(), main.evidence(), facts);
      }
    }
    return main;
  }

  static String key(Finding f) {
    if (f.loopKind() == LoopKind.ANOMALY) return "anomaly:" + f.host();
    String affected = f.fact("container");
    if (affected == null && f.fact("service") != null) affected = lastSegment(f.fact("service"));
    if (affected == null) affected = f.subject();
    return "incident:" + f.host() + ":" + affected;
  }

  private static String lastSegment(String service) {
    int slash = service.lastIndexOf('/');
    return slash >= 0 ? service.substring(slash + 1) : service;
  }
}
