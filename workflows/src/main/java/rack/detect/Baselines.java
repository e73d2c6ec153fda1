package rack.detect;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rack.model.HostSnapshot.CpuCounters;

/**
 * What the checks of one host have learned so far (DESIGN A2 stateful thresholds). Lives in
 * workflow state (the monitor carries it through continue-as-new), never in worker memory, so it
 * is plain data that Temporal's Jackson converter round-trips. Every collection is bounded (see
 * the {@code MAX_*} constants) so the monitor's history and payloads stay small whatever the host
 * does. Maps are sorted so serialisation is deterministic.
 *
 * @param lastCheckAtMillis time of the previous snapshot (epoch ms), 0 before the first check
 * @param cpu host CPU counters of the previous check and the current run of high-CPU checks
 * @param diskUsedPercent used % per mount point at the previous check (growth threshold)
 * @param containers which containers ran at the previous check, and their restart history
 * @param healthyResponseMs recent response times per status-page service, healthy checks only
 * @param processCpuStreaks consecutive checks each unknown process (by comm) spent above the
 *     unknown-process CPU threshold
 * @param inventory what the host looked like at its first reachable check: the allowed baseline
 * @param accepted what people dismissed as false positives since (never learned automatically)
 * @param containerCpu per container: its cgroup CPU counter at the previous check and its run of
 *     checks above the container-CPU threshold
 * @param errorLogUsual per container: its usual count of error-level log lines per check (a moving
 *     average of checks without a burst)
 * @param trends recent samples of disk use per mount point and of host memory, for the fill trends
 */
public record Baselines(
    long lastCheckAtMillis,
    HostCpu cpu,
    Map<String, Double> diskUsedPercent,
    Containers containers,
    Map<String, List<Long>> healthyResponseMs,
    Map<String, Integer> processCpuStreaks,
    Inventory inventory,
    List<AcceptedEntry> accepted,
    Map<String, ContainerCpu> containerCpu,
    Map<String, Double> errorLogUsual,
    Trends trends) {

  /** Response-time samples kept per service (the baseline is their median). */
  public static final int MAX_RESPONSE_SAMPLES = 20;
  /** Entries kept in any per-name map (mounts, services, containers, process streaks). */
  public static final int MAX_ENTRIES = 200;
  /** Lines kept in each inventory list (processes, cron lines, units, keys). */
  public static final int MAX_INVENTORY = 1000;
  /** Restart observations kept per container (only the last hour matters). */
  public static final int MAX_RESTART_EVENTS = 60;

  public Baselines {
    cpu = cpu == null ? HostCpu.NONE : cpu;
    diskUsedPercent = sortedCapped(diskUsedPercent);
    containers = containers == null ? Containers.NONE : containers;
    healthyResponseMs = sortedCapped(healthyResponseMs);
    processCpuStreaks = sortedCapped(processCpuStreaks);
    inventory = inventory == null ? Inventory.NOT_LEARNED : inventory;
    accepted = cappedList(accepted, MAX_INVENTORY);
    containerCpu = sortedCapped(containerCpu);
    errorLogUsual = sortedCapped(errorLogUsual);
    trends = trends == null ? Trends.NONE : trends;
  }

  /** Without the container-CPU, error-log and trend memory (callers that do not use them). */
  public Baselines(long lastCheckAtMillis, HostCpu cpu, Map<String, Double> diskUsedPercent, Containers containers,
      Map<String, List<Long>> healthyResponseMs, Map<String, Integer> processCpuStreaks, Inventory inventory) {
    this(lastCheckAtMillis, cpu, diskUsedPercent, containers, healthyResponseMs, processCpuStreaks, inventory, List.of(),
        null, null, null);
  }

  /** Without the container-CPU, error-log and trend memory (callers that do not use them). */
  public Baselines(long lastCheckAtMillis, HostCpu cpu, Map<String, Double> diskUsedPercent, Containers containers,
      Map<String, List<Long>> healthyResponseMs, Map<String, Integer> processCpuStreaks, Inventory inventory,
      List<AcceptedEntry> accepted) {
    this(lastCheckAtMillis, cpu, diskUsedPercent, containers, healthyResponseMs, processCpuStreaks, inventory, accepted,
        null, null, null);
  }

  public static Baselines empty() {
    return new Baselines(0, null, null, null, null, null, null, null, null, null, null);
  }

  public Baselines withAccepted(List<AcceptedEntry> entries) {
    return new Baselines(lastCheckAtMillis, cpu, diskUsedPercent, containers, healthyResponseMs, processCpuStreaks, inventory,
        entries, containerCpu, errorLogUsual, trends);
  }

  /** Samples kept per trend series: a day of hourly checks. */
  public static final int MAX_TREND_SAMPLES = 24;

  /**
   * A container's cgroup CPU counter as last read (nanoseconds of CPU time at the host's monotonic
   * clock) and its consecutive checks above the threshold.
   */
  public record ContainerCpu(long usageNanos, long atNanos, int highStreak) {}

  /** One point of a trend: when (epoch ms, from the snapshot) and the used percentage. */
  public record Sample(long atMillis, double percent) {}

  /** Recent samples per disk mount point and of host memory, oldest first, bounded. */
  public record Trends(Map<String, List<Sample>> disks, List<Sample> memory) {
    static final Trends NONE = new Trends(null, null);

    public Trends {
      disks = sortedCapped(disks);
      memory = memory == null ? List.of() : lastN(memory, MAX_TREND_SAMPLES);
    }
  }

  /** Previous CPU counters (null before the first readable check) and consecutive checks above the threshold. */
  public record HostCpu(CpuCounters lastCounters, int highStreak) {
    static final HostCpu NONE = new HostCpu(null, 0);
  }

  /** Container names running at the previous check, and per-container restart history. */
  public record Containers(List<String> running, Map<String, RestartHistory> restarts) {
    static final Containers NONE = new Containers(null, null);

    public Containers {
      running = cappedList(running, MAX_ENTRIES);
      restarts = sortedCapped(restarts);
    }
  }

  /**
   * @param lastCount docker's RestartCount at the previous check
   * @param events restarts observed between checks, stamped with the check that saw them
   */
  public record RestartHistory(int lastCount, List<RestartEvent> events) {
    public RestartHistory {
      events = events == null ? List.of() : lastN(events, MAX_RESTART_EVENTS);
    }
  }

  /** {@code restarts} new restarts seen by the check at {@code atMillis}. */
  public record RestartEvent(long atMillis, int restarts) {}

  /**
   * The host's allowed state, learned once at the first reachable check. Later additions are
   * findings and are never learned automatically: a persistence mechanism that an attacker adds
   * must not become "normal" by surviving a few checks.
   *
   * @param processes comm names running at the first check (unknown-CPU-process threshold)
   * @param cronLines {@code source<TAB>line}
   * @param systemdUnits {@code name<TAB>ExecStart}, so a hijacked ExecStart counts as new
   * @param authorizedKeys {@code file<TAB>sha256}
   */
  public record Inventory(
      boolean learned,
      List<String> processes,
      List<String> cronLines,
      List<String> systemdUnits,
      List<String> authorizedKeys) {
    static final Inventory NOT_LEARNED = new Inventory(false, null, null, null, null);

    public Inventory {
      processes = cappedList(processes, MAX_INVENTORY);
      cronLines = cappedList(cronLines, MAX_INVENTORY);
      systemdUnits = cappedList(systemdUnits, MAX_INVENTORY);
      authorizedKeys = cappedList(authorizedKeys, MAX_INVENTORY);
    }
  }

  static <V> Map<String, V> sortedCapped(Map<String, V> map) {
    TreeMap<String, V> sorted = new TreeMap<>();
    if (map != null) {
      for (Map.Entry<String, V> e : map.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) sorted.put(e.getKey(), e.getValue());
      }
    }
    while (sorted.size() > MAX_ENTRIES) sorted.pollLastEntry();
    return Collections.unmodifiableMap(sorted);
  }

  static <T> List<T> cappedList(List<T> list, int max) {
    if (list == null) return List.of();
    List<T> nonNull = list.stream().filter(x -> x != null).toList();
    return nonNull.size() > max ? List.copyOf(nonNull.subList(0, max)) : nonNull;
  }

  static <T> List<T> lastN(List<T> list, int max) {
    List<T> nonNull = list.stream().filter(x -> x != null).toList();
    return nonNull.size() > max ? List.copyOf(nonNull.subList(nonNull.size() - max, nonNull.size())) : nonNull;
  }
}
