package rack.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rack.model.HostSnapshot.ContainerInfo;
import rack.probe.parse.CgroupMemoryParser;
import rack.probe.parse.ContainerCpuParser;
import rack.probe.parse.DockerInspectParser;
import rack.probe.parse.DockerPsParser;
import rack.probe.parse.DockerStatsParser;

/**
 * Joins what {@code docker ps}, {@code docker inspect} and the memory cgroups (or, failing those,
 * {@code docker stats}) say about each container into one {@link ContainerInfo}. Memory percent is
 * usage over the container's limit, or over the host's memory when it has none, as docker stats
 * computes it. Container CPU % comes from the two cgroup reads of this check (docker stats's own
 * two-sample method, over a shorter gap), else from docker stats.
 */
final class ContainerAssembler {
  private ContainerAssembler() {}

  static List<ContainerInfo> assemble(List<DockerPsParser.Row> ps, Map<String, DockerInspectParser.Row> inspect,
      Map<String, CgroupMemoryParser.Row> memory, Map<String, DockerStatsParser.Row> stats,
      Map<String, ContainerCpuParser.Reading> cpu, Long hostMemoryBytes) {
    List<ContainerInfo> containers = new ArrayList<>();
    for (DockerPsParser.Row row : ps) {
      DockerInspectParser.Row details = inspect.get(row.id());
      CgroupMemoryParser.Row cgroup = memory.get(row.id());
      DockerStatsParser.Row sampled = stats.get(row.id());
      Long usage = null;
      Long limit = null;
      Double memPercent = null;
      if (cgroup != null) {
        usage = cgroup.usageBytes();
        limit = effectiveLimit(cgroup.limitBytes(), hostMemoryBytes);
        memPercent = limit == null || limit <= 0 ? null : 100.0 * usage / limit;
      } else if (sampled != null) {
        usage = sampled.memUsageBytes();
        limit = sampled.memLimitBytes();
        memPercent = sampled.memPercent();
      }
      containers.add(new ContainerInfo(row.id(), row.name(), row.image(), row.state(), row.status(),
          details == null ? 0 : details.restartCount(),
          details != null && details.oomKilled(),
          details == null ? null : details.exitCode(),
          details == null ? null : details.restartPolicy(),
          cpuPercent(cpu.get(row.id()), sampled),
          memPercent, usage, limit, row.composeProject(), row.composeService()));
    }
    return containers;
  }

  private static Double cpuPercent(ContainerCpuParser.Reading reading, DockerStatsParser.Row sampled) {
    Double fromCgroup = reading == null ? null : ContainerCpuParser.inCheckPercent(reading);
    if (fromCgroup != null) return fromCgroup;
    return sampled == null ? null : sampled.cpuPercent();
  }

  /** A cgroup limit above the host's memory cannot bind; the host's memory is the real limit. */
  private static Long effectiveLimit(Long cgroupLimit, Long hostMemoryBytes) {
    if (cgroupLimit == null) {
      return hostMemoryBytes;
    }
    return hostMemoryBytes == null ? cgroupLimit : Math.min(cgroupLimit, hostMemoryBytes);
  }
}
