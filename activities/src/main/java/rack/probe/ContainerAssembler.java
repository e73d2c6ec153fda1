package rack.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rack.model.HostSnapshot.ContainerInfo;
import rack.probe.parse.CgroupMemoryParser;
import rack.probe.parse.DockerInspectParser;
import rack.probe.parse.DockerPsParser;
import rack.probe.parse.DockerStatsParser;

/**
 * Joins what {@code docker ps}, {@code docker inspect} and the memory cgroups (or, failing those,
 * {@code docker stats}) say about each container into one {@link ContainerInfo}. Memory percent is
 * usage over the container's limit, or over the host's memory when it has none, as docker stats
 * computes it. Container CPU % is only known from docker stats (it needs two samples).
 */
final class ContainerAssembler {
  private ContainerAssembler() {}

  static List<ContainerInfo> assemble(List<DockerPsParser.Row> ps, Map<String, DockerInspectParser.Row> inspect,
      Map<String, CgroupMemoryParser.Row> memory, Map<String, DockerStatsParser.Row> stats, Long hostMemoryBytes) {
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
          sampled == null ? null : sampled.cpuPercent(),
          memPercent, usage, limit));
    }
    return containers;
  }

  /** A cgroup limit above the host's memory cannot bind; the host's memory is the real limit. */
  private static Long effectiveLimit(Long cgroupLimit, Long hostMemoryBytes) {
    if (cgroupLimit == null) {
      return hostMemoryBytes;
    }
    return hostMemoryBytes == null ? cgroupLimit : Math.min(cgroupLimit, hostMemoryBytes);
  }
}
