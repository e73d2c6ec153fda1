package rack.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import rack.config.Thresholds;
import rack.detect.Baselines.Containers;
import rack.detect.Baselines.HostCpu;
import rack.detect.Baselines.Inventory;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.Severity;

/**
 * Turns a snapshot plus what earlier checks learned into findings (DESIGN A2, C8). Pure and
 * deterministic: safe to call from workflow code. Time comes only from the snapshot's
 * {@code takenAt}.
 *
 * <p>When the host cannot be reached, only the status page is judged and every host-side baseline
 * is carried over unchanged: an outage must neither reset a CPU streak nor teach the baselines.
 * Findings are sorted by severity, kind, then subject, so equal inputs give equal output.
 */
public final class Detector {
  static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
      .thenComparing(Finding::kind)
      .thenComparing(f -> f.subject() == null ? "" : f.subject());

  private final Thresholds thresholds;
  private final ServiceLinks serviceLinks;

  public Detector(Thresholds thresholds) {
    this(thresholds, Map.of());
  }

  /** @param services the host's {@code services} map from rack.yaml (see {@link ServiceLinks}) */
  public Detector(Thresholds thresholds, Map<String, List<String>> services) {
    this(thresholds, new ServiceLinks(services));
  }

  private Detector(Thresholds thresholds, ServiceLinks serviceLinks) {
    this.thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
    this.serviceLinks = serviceLinks;
  }

  /**
   * Judges without linking status-page services to containers: only for replaying a monitor run
   * that started before the links existed, so its history stays deterministic.
   */
  public static Detector withoutServiceLinks(Thresholds thresholds) {
    return new Detector(thresholds, (ServiceLinks) null);
  }

  public Evaluation evaluate(HostSnapshot snapshot, Baselines previous) {
    Baselines before = previous == null ? Baselines.empty() : previous;
    long now = snapshot.takenAt() != null ? snapshot.takenAt().toEpochMilli() : before.lastCheckAtMillis();
    List<Finding> findings = new ArrayList<>();

    Map<String, List<Long>> responses = new StatusPageCheck(thresholds)
        .evaluate(snapshot, before.healthyResponseMs(), findings);

    HostCpu cpu = before.cpu();
    Map<String, Double> disks = before.diskUsedPercent();
    Containers containers = before.containers();
    Map<String, Integer> processStreaks = before.processCpuStreaks();
    Inventory inventory = before.inventory();
    Map<String, Baselines.ContainerCpu> containerCpu = before.containerCpu();
    Map<String, Double> errorLogUsual = before.errorLogUsual();
    Baselines.Trends trends = before.trends();

    if (!snapshot.reachable()) {
      findings.add(unreachable(snapshot));
    } else {
      if (!inventory.learned()) inventory = PersistenceCheck.inventoryOf(snapshot);
      cpu = new HostCpuCheck(thresholds).evaluate(snapshot, cpu, findings);
      disks = new DiskCheck(thresholds).evaluate(snapshot, disks, findings);
      containers = new ContainerCheck(thresholds).evaluate(snapshot, containers, now, findings);
      processStreaks = new ProcessScan(thresholds)
          .evaluate(snapshot, new HashSet<>(inventory.processes()), before, processStreaks, findings);
      new PersistenceCheck().evaluate(snapshot, inventory, before, findings);
      containerCpu = new ContainerCpuCheck(thresholds).evaluate(snapshot, containerCpu, findings);
      errorLogUsual = new ErrorLogCheck(thresholds).evaluate(snapshot, errorLogUsual, findings);
      trends = new TrendCheck(thresholds).evaluate(snapshot, trends, responses, findings);
    }

    List<ServiceLink> links = List.of();
    if (serviceLinks != null) {
      links = serviceLinks.link(snapshot, LinkedFindings.broken(snapshot, findings));
      findings = new ArrayList<>(LinkedFindings.apply(findings, links, snapshot));
    }
    findings.sort(ORDER);
    Baselines next = new Baselines(now, cpu, disks, containers, responses, processStreaks, inventory, before.accepted(),
        containerCpu, errorLogUsual, trends);
    return new Evaluation(findings, next, HealthScore.of(findings), links);
  }

  /** A refused host key is a security finding (possible man in the middle), anything else an outage. */
  private static Finding unreachable(HostSnapshot s) {
    String problem = s.problem() == null || s.problem().isBlank() ? "no answer" : s.problem().strip();
    if (s.hostKeyRejected()) {
      return FindingBuilder.of(s.host(), FindingKind.HOST_KEY_CHANGED, Severity.CRITICAL, "ssh-host-key")
          .summary("SSH host key of " + s.host() + " is unknown or changed: refusing to connect")
          .evidence(problem)
          .measured("host key rejected", "host key in known_hosts")
          .build();
    }
    return FindingBuilder.of(s.host(), FindingKind.HOST_UNREACHABLE, Severity.CRITICAL, "ssh")
        .summary("host " + s.host() + " is unreachable over SSH: " + problem.lines().findFirst().orElse(problem))
        .evidence(problem)
        .measured("unreachable", "reachable")
        .build();
  }
}
