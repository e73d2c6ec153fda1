package rack.model;

import java.time.Instant;
import java.util.List;

/**
 * Everything one check learned about a host (DESIGN A1), collected by one {@code HostProbe.collect}
 * activity. Parsers are total: what could not be read is {@code null} or empty here and explained in
 * {@link #notes()}, never an exception.
 *
 * @param reachable false when the host could not be reached at all; then {@link #problem()} says why
 * @param hostKeyRejected the host presented an unknown or changed SSH host key (a security finding)
 * @param dockerAvailable false on a host without docker (reported as such, not as an error)
 * @param cpu cumulative CPU counters from /proc/stat; detection turns deltas between checks into %
 * @param services status page results; empty when no status page is configured
 * @param statusPageError why the status page could not be read, or null
 * @param dashboardReachable Dozzle reachability, or null when no dashboard is configured
 * @param containerCpu cumulative cgroup CPU time per running container; detection turns deltas into
 *     % of one core
 * @param containerLogs each running container's log since the previous check, reduced to error
 *     counts and the most repeated error lines (the raw log never leaves the activity)
 */
public record HostSnapshot(
    String host,
    Instant takenAt,
    boolean reachable,
    boolean hostKeyRejected,
    String problem,
    boolean dockerAvailable,
    boolean systemdAvailable,
    List<ContainerInfo> containers,
    List<DiskUsage> disks,
    MemoryInfo memory,
    LoadInfo load,
    CpuCounters cpu,
    List<ProcessInfo> processes,
    List<CronEntry> cronEntries,
    List<SystemdUnit> systemdUnits,
    List<String> ldPreload,
    List<AuthorizedKey> authorizedKeys,
    List<SocketInfo> sockets,
    List<ServiceStatus> services,
    String statusPageError,
    Boolean dashboardReachable,
    List<String> notes,
    List<ContainerCpuReading> containerCpu,
    List<ContainerLogSummary> containerLogs) {

  public HostSnapshot {
    containers = copy(containers);
    disks = copy(disks);
    processes = copy(processes);
    cronEntries = copy(cronEntries);
    systemdUnits = copy(systemdUnits);
    ldPreload = copy(ldPreload);
    authorizedKeys = copy(authorizedKeys);
    sockets = copy(sockets);
    services = copy(services);
    notes = copy(notes);
    containerCpu = copy(containerCpu);
    containerLogs = copy(containerLogs);
  }

  /** Without container CPU counters and log summaries (probes and tests that do not read them). */
  public HostSnapshot(String host, Instant takenAt, boolean reachable, boolean hostKeyRejected, String problem,
      boolean dockerAvailable, boolean systemdAvailable, List<ContainerInfo> containers, List<DiskUsage> disks,
      MemoryInfo memory, LoadInfo load, CpuCounters cpu, List<ProcessInfo> processes, List<CronEntry> cronEntries,
      List<SystemdUnit> systemdUnits, List<String> ldPreload, List<AuthorizedKey> authorizedKeys,
      List<SocketInfo> sockets, List<ServiceStatus> services, String statusPageError, Boolean dashboardReachable,
      List<String> notes) {
    this(host, takenAt, reachable, hostKeyRejected, problem, dockerAvailable, systemdAvailable, containers, disks,
        memory, load, cpu, processes, cronEntries, systemdUnits, ldPreload, authorizedKeys, sockets, services,
        statusPageError, dashboardReachable, notes, null, null);
  }

  /** The same snapshot with container CPU counters and log summaries added. */
  public HostSnapshot withContainerSignals(List<ContainerCpuReading> cpuReadings, List<ContainerLogSummary> logs) {
    return new HostSnapshot(host, takenAt, reachable, hostKeyRejected, problem, dockerAvailable, systemdAvailable,
        containers, disks, memory, load, cpu, processes, cronEntries, systemdUnits, ldPreload, authorizedKeys, sockets,
        services, statusPageError, dashboardReachable, notes, cpuReadings, logs);
  }

  /** A snapshot of a host that could not be reached at all. */
  /** The same snapshot with other authorized_keys lines (the probe leaves rack's own login out). */
  public HostSnapshot withAuthorizedKeys(List<AuthorizedKey> keys) {
    return new HostSnapshot(host, takenAt, reachable, hostKeyRejected, problem, dockerAvailable, systemdAvailable,
        containers, disks, memory, load, cpu, processes, cronEntries, systemdUnits, ldPreload, keys, sockets,
        services, statusPageError, dashboardReachable, notes, containerCpu, containerLogs);
  }

  public static HostSnapshot unreachable(String host, Instant at, boolean hostKeyRejected, String problem) {
    return new HostSnapshot(host, at, false, hostKeyRejected, problem, false, false, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * A container's state as {@code docker ps -a}, {@code docker inspect} and {@code docker stats} see it.
   *
   * @param composeProject the {@code com.docker.compose.project} label, or null when Compose did not create it
   * @param composeService the {@code com.docker.compose.service} label: the service name in the
   *     compose file ({@code orders} for the container {@code shop-orders-1}), or null
   */
  public record ContainerInfo(
      String id,
      String name,
      String image,
      String state,
      String status,
      int restartCount,
      boolean oomKilled,
      Integer exitCode,
      String restartPolicy,
      Double cpuPercent,
      Double memPercent,
      Long memUsageBytes,
      Long memLimitBytes,
      String composeProject,
      String composeService) {

    /** A container without Compose labels. */
    public ContainerInfo(String id, String name, String image, String state, String status, int restartCount,
        boolean oomKilled, Integer exitCode, String restartPolicy, Double cpuPercent, Double memPercent,
        Long memUsageBytes, Long memLimitBytes) {
      this(id, name, image, state, status, restartCount, oomKilled, exitCode, restartPolicy, cpuPercent, memPercent,
          memUsageBytes, memLimitBytes, null, null);
    }

    public boolean running() {
      return "running".equalsIgnoreCase(state);
    }

    /** Docker's health check failed: running, but not serving ("Up 5 minutes (unhealthy)"). */
    public boolean unhealthy() {
      return status != null && status.toLowerCase(java.util.Locale.ROOT).contains("(unhealthy)");
    }
  }

  /**
   * Cumulative CPU time of one container's cgroup ({@code cpu.stat} usage_usec on cgroup v2,
   * {@code cpuacct.usage} on v1), in nanoseconds, read at {@code atNanos} on the host's monotonic
   * clock; and optionally read again a moment later in the same check, so a first check (or one
   * after a restart reset the counter) still yields a percentage.
   */
  public record ContainerCpuReading(String container, long usageNanos, long atNanos, Long laterUsageNanos, Long laterAtNanos) {}

  /**
   * One container's log output since the previous check, as the error-log classifier saw it.
   *
   * @param topErrors the most repeated error lines, deduplicated, most frequent first
   * @param truncated the read stopped at its byte or time bound: counts are a lower bound
   */
  public record ContainerLogSummary(String container, long lines, long errorLines, List<RepeatedLine> topErrors,
      long bytesRead, boolean truncated) {
    public ContainerLogSummary {
      topErrors = topErrors == null ? List.of() : List.copyOf(topErrors);
    }
  }

  /** A log line (cleaned of escapes, bounded) and how many lines like it were seen. */
  public record RepeatedLine(String text, long count) {}

  /** One mounted filesystem from {@code df -P -B1}. */
  public record DiskUsage(String filesystem, String mountPoint, long sizeBytes, long usedBytes, long availableBytes) {
    public double usedPercent() {
      long denominator = usedBytes + availableBytes;
      return denominator <= 0 ? 0.0 : 100.0 * usedBytes / denominator;
    }
  }

  /** From /proc/meminfo. */
  public record MemoryInfo(long totalBytes, long availableBytes) {
    public double usedPercent() {
      return totalBytes <= 0 ? 0.0 : 100.0 * (totalBytes - availableBytes) / totalBytes;
    }
  }

  /** From /proc/loadavg and nproc. */
  public record LoadInfo(double load1, double load5, double load15, int cores) {}

  /** Cumulative jiffies from the first line of /proc/stat: busy = total - idle - iowait. */
  public record CpuCounters(long busyTicks, long totalTicks) {}

  /** One line of {@code ps -eww -o pid=,ppid=,user=,pcpu=,pmem=,etimes=,stat=,comm=,args=} plus its exe link. */
  public record ProcessInfo(
      int pid,
      int ppid,
      String user,
      double cpuPercent,
      double memPercent,
      long elapsedSeconds,
      String stat,
      String comm,
      String args,
      String exe) {}

  /** One active line of a crontab; {@code source} is the file it came from. */
  public record CronEntry(String source, String line) {}

  /** A unit file under /etc/systemd/system with its ExecStart line (may be null). */
  public record SystemdUnit(String name, String path, String execStart) {}

  /** One authorized_keys line, by digest (the key itself is not kept), with its comment. */
  public record AuthorizedKey(String file, String sha256, String type, String comment) {}

  /** One line of {@code ss -tnp}. */
  public record SocketInfo(String state, String local, String peer, String process) {}

  /** One service on the status page. */
  public record ServiceStatus(String name, ServiceState state, Long responseTimeMs, String detail) {}

  public enum ServiceState {
    UP,
    DEGRADED,
    DOWN,
    UNKNOWN
  }
}
