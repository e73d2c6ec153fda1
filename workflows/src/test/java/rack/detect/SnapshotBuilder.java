package rack.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.AuthorizedKey;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.CpuCounters;
import rack.model.HostSnapshot.CronEntry;
import rack.model.HostSnapshot.DiskUsage;
import rack.model.HostSnapshot.LoadInfo;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;
import rack.model.HostSnapshot.SocketInfo;
import rack.model.HostSnapshot.SystemdUnit;

/** A healthy, reachable host by default; tests add exactly what they are about. */
final class SnapshotBuilder {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private Instant at = T0;
  private boolean reachable = true;
  private boolean hostKeyRejected;
  private String problem;
  private final List<ContainerInfo> containers = new ArrayList<>();
  private final List<DiskUsage> disks = new ArrayList<>();
  private LoadInfo load;
  private CpuCounters cpu;
  private final List<ProcessInfo> processes = new ArrayList<>();
  private final List<CronEntry> cron = new ArrayList<>();
  private final List<SystemdUnit> units = new ArrayList<>();
  private final List<String> ldPreload = new ArrayList<>();
  private final List<AuthorizedKey> keys = new ArrayList<>();
  private final List<SocketInfo> sockets = new ArrayList<>();
  private final List<ServiceStatus> services = new ArrayList<>();
  private String statusPageError;
  private Boolean dashboardReachable;
  private HostSnapshot.MemoryInfo memory;
  private final List<HostSnapshot.ContainerCpuReading> containerCpu = new ArrayList<>();
  private final List<HostSnapshot.ContainerLogSummary> containerLogs = new ArrayList<>();

  static SnapshotBuilder host() {
    return new SnapshotBuilder();
  }

  SnapshotBuilder at(Instant at) {
    this.at = at;
    return this;
  }

  SnapshotBuilder minutesLater(long minutes) {
    this.at = T0.plus(Duration.ofMinutes(minutes));
    return this;
  }

  SnapshotBuilder unreachable(String why) {
    reachable = false;
    problem = why;
    return this;
  }

  SnapshotBuilder hostKeyRejected() {
    reachable = false;
    hostKeyRejected = true;
    problem = "host key mismatch";
    return this;
  }

  SnapshotBuilder container(String name, String state, String policy, int restarts) {
    containers.add(new ContainerInfo("abc123def456", name, "busybox", state, state, restarts, false, 0, policy, 1.0, 10.0, null, null));
    return this;
  }

  SnapshotBuilder container(ContainerInfo c) {
    containers.add(c);
    return this;
  }

  SnapshotBuilder disk(String fs, String mount, double usedPercent) {
    long size = 1_000_000_000L;
    long used = Math.round(size * usedPercent / 100.0);
    disks.add(new DiskUsage(fs, mount, size, used, size - used));
    return this;
  }

  SnapshotBuilder load(double load1, int cores) {
    load = new LoadInfo(load1, load1, load1, cores);
    return this;
  }

  SnapshotBuilder cpu(long busy, long total) {
    cpu = new CpuCounters(busy, total);
    return this;
  }

  SnapshotBuilder process(int pid, String comm, String args, String exe, double cpuPercent) {
    return process(new ProcessInfo(pid, 1, "www-data", cpuPercent, 1.0, 3600, "R", comm, args, exe));
  }

  SnapshotBuilder process(ProcessInfo p) {
    processes.add(p);
    return this;
  }

  SnapshotBuilder cron(String source, String line) {
    cron.add(new CronEntry(source, line));
    return this;
  }

  SnapshotBuilder unit(String name, String execStart) {
    units.add(new SystemdUnit(name, "/etc/systemd/system/" + name, execStart));
    return this;
  }

  SnapshotBuilder ldPreload(String line) {
    ldPreload.add(line);
    return this;
  }

  SnapshotBuilder key(String file, String sha256, String comment) {
    keys.add(new AuthorizedKey(file, sha256, "ssh-ed25519", comment));
    return this;
  }

  SnapshotBuilder socket(String peer, String process) {
    sockets.add(new SocketInfo("ESTAB", "10.0.0.2:40000", peer, process));
    return this;
  }

  SnapshotBuilder service(String name, ServiceState state, Long responseMs) {
    services.add(new ServiceStatus(name, state, responseMs, null));
    return this;
  }

  SnapshotBuilder statusPageError(String error) {
    statusPageError = error;
    return this;
  }

  SnapshotBuilder dashboardReachable(boolean reachable) {
    dashboardReachable = reachable;
    return this;
  }

  SnapshotBuilder memory(long totalBytes, long availableBytes) {
    memory = new HostSnapshot.MemoryInfo(totalBytes, availableBytes);
    return this;
  }

  SnapshotBuilder containerCpu(HostSnapshot.ContainerCpuReading reading) {
    containerCpu.add(reading);
    return this;
  }

  SnapshotBuilder containerLogs(HostSnapshot.ContainerLogSummary logs) {
    containerLogs.add(logs);
    return this;
  }

  HostSnapshot build() {
    return new HostSnapshot("staging", at, reachable, hostKeyRejected, problem, true, true, containers, disks, memory, load, cpu,
        processes, cron, units, ldPreload, keys, sockets, services, statusPageError, dashboardReachable, List.of(),
        containerCpu, containerLogs);
  }
}
