package rack.loop;

import java.time.Instant;
import java.util.List;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.CronEntry;
import rack.model.HostSnapshot.DiskUsage;
import rack.model.HostSnapshot.LoadInfo;
import rack.model.HostSnapshot.MemoryInfo;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;
import rack.model.HostSnapshot.SystemdUnit;

/** Host snapshots the tests script; healthy ones should give the real detector nothing to report. */
final class Snapshots {
  static final String HOST = "staging";
  static final ProcessInfo INIT = new ProcessInfo(1, 0, "root", 0.0, 0.1, 90000, "Ss", "systemd", "/sbin/init", "/usr/lib/systemd/systemd");
  static final ProcessInfo SSHD = new ProcessInfo(300, 1, "root", 0.0, 0.1, 90000, "Ss", "sshd", "sshd: /usr/sbin/sshd -D", "/usr/sbin/sshd");

  private Snapshots() {}

  static ContainerInfo running(String name) {
    return new ContainerInfo("a1b2c3d4e5f6", name, "busybox", "running", "Up 2 hours", 0, false, 0, "unless-stopped",
        1.0, 10.0, 50_000_000L, 512_000_000L);
  }

  static ContainerInfo exited(String name, int exitCode, boolean oom, Long memLimit) {
    return new ContainerInfo("a1b2c3d4e5f6", name, "busybox", "exited", "Exited (" + exitCode + ") 1 minute ago", 0, oom,
        exitCode, "no", null, null, null, memLimit);
  }

  static HostSnapshot healthy() {
    return host(List.of(running("api"), running("web")), List.of(INIT, SSHD), List.of(), List.of(),
        List.of(new ServiceStatus("api", ServiceState.UP, 40L, null)));
  }

  static HostSnapshot withContainers(ContainerInfo... containers) {
    return host(List.of(containers), List.of(INIT, SSHD), List.of(), List.of(),
        List.of(new ServiceStatus("api", ServiceState.UP, 40L, null)));
  }

  static HostSnapshot host(List<ContainerInfo> containers, List<ProcessInfo> processes, List<CronEntry> cron,
      List<SystemdUnit> units, List<ServiceStatus> services) {
    return new HostSnapshot(HOST, Instant.parse("2026-01-01T00:00:00Z"), true, false, null, true, true, containers,
        List.of(new DiskUsage("/dev/sda1", "/", 100_000_000_000L, 40_000_000_000L, 60_000_000_000L)),
        new MemoryInfo(8_000_000_000L, 5_000_000_000L), new LoadInfo(0.3, 0.3, 0.2, 4), null,
        processes, cron, units, List.of(), List.of(), List.of(), services, null, null, List.of());
  }
}
