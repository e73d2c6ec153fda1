package rack.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerCpuReading;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.ContainerLogSummary;
import rack.model.HostSnapshot.MemoryInfo;
import rack.model.HostSnapshot.ProcessInfo;
import rack.probe.parse.AuthorizedKeysParser;
import rack.probe.parse.CgroupMemoryParser;
import rack.probe.parse.ContainerCpuParser;
import rack.probe.parse.CronParser;
import rack.probe.parse.DfParser;
import rack.probe.parse.DockerInspectParser;
import rack.probe.parse.DockerPsParser;
import rack.probe.parse.DockerStatsParser;
import rack.probe.parse.ExeLinksParser;
import rack.probe.parse.LdPreloadParser;
import rack.probe.parse.LoadParser;
import rack.probe.parse.MeminfoParser;
import rack.probe.parse.Parsed;
import rack.probe.parse.ProcStatParser;
import rack.probe.parse.PsParser;
import rack.probe.parse.SsParser;
import rack.probe.parse.SystemdUnitParser;
import rack.shell.CommandResult;
import rack.shell.Shell;
import rack.shell.ShellException;

/**
 * One check's work on one open {@link Shell}: every section of {@link HostCommands} in one
 * {@link CheckScript} on one channel (a second only for the rare {@code docker stats} fallback), then
 * the parsers, then one {@link HostSnapshot} (without the HTTP parts). Whatever a section or parser
 * could not deliver is a note, not a failure; only a transport failure ends the scan.
 */
final class HostScan {
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
  /** Exit status of sh when the command does not exist. */
  private static final int NOT_FOUND = 127;

  private final Shell shell;
  private final String nonce;
  private final long logWindowSeconds;
  private final boolean firstCheck;
  private final List<String> notes = new ArrayList<>();

  /**
   * @param logWindowSeconds how far back container logs are read: the time since the previous check
   * @param firstCheck no earlier check of this host by this worker, so container CPU is read twice
   *     within this one (see {@link HostCommands#all(String, boolean)})
   */
  HostScan(Shell shell, String nonce, long logWindowSeconds, boolean firstCheck) {
    this.shell = shell;
    this.nonce = nonce;
    this.logWindowSeconds = logWindowSeconds;
    this.firstCheck = firstCheck;
  }

  HostSnapshot scan(Instant at) throws ShellException {
    List<CheckSection> sections = new ArrayList<>(HostCommands.all(nonce, firstCheck));
    sections.add(new CheckSection("container logs", ContainerLogs.command(nonce, logWindowSeconds)));
    CheckScript script = new CheckScript(nonce, sections, COMMAND_TIMEOUT);
    CommandResult raw = shell.run(CheckScript.LAUNCHER, script.timeout(), script.runOptions());
    Map<String, CommandResult> out = new CheckOutput(script).split(raw, notes);

    boolean dockerAvailable = dockerAvailable(out.get("docker ps"));
    MemoryInfo memory = parsed(MeminfoParser.parse(stdout(out, "meminfo")));
    Map<String, ContainerCpuParser.Reading> cpuReadings =
        dockerAvailable ? parsed(ContainerCpuParser.parse(stdout(out, "container cpu"))) : Map.of();
    List<ContainerInfo> containers = dockerAvailable ? containers(out, memory, cpuReadings) : List.of();
    Map<Integer, String> exes = parsed(ExeLinksParser.parse(stdout(out, "exe links")));
    List<ProcessInfo> processes = parsed(PsParser.parse(stdout(out, "ps"), exes));
    SystemdUnitParser.Result systemd = parsed(SystemdUnitParser.parse(stdout(out, "systemd"), nonce));

    return new HostSnapshot(shell.host(), at, true, false, null, dockerAvailable, systemd.systemdRunning(),
        containers,
        parsed(DfParser.parse(stdout(out, "df"))),
        memory,
        parsed(LoadParser.parse(stdout(out, "load"))),
        parsed(ProcStatParser.parse(stdout(out, "cpu"))),
        processes,
        parsed(CronParser.parse(stdout(out, "cron"), nonce)),
        systemd.units(),
        parsed(LdPreloadParser.parse(stdout(out, "ld.so.preload"))),
        parsed(AuthorizedKeysParser.parse(stdout(out, "authorized_keys"), nonce)),
        parsed(SsParser.parse(stdout(out, "sockets"))),
        null, null, null, notes)
        .withContainerSignals(cpuByName(cpuReadings, containers), logsByName(out, containers));
  }

  /** Readings keyed by container name, as the monitor remembers them across checks. */
  private static List<ContainerCpuReading> cpuByName(Map<String, ContainerCpuParser.Reading> readings,
      List<ContainerInfo> containers) {
    List<ContainerCpuReading> out = new ArrayList<>();
    for (ContainerInfo c : containers) {
      ContainerCpuParser.Reading r = readings.get(c.id());
      if (r != null && c.running()) {
        out.add(new ContainerCpuReading(c.name(), r.usageNanos(), r.atNanos(), r.laterUsageNanos(), r.laterAtNanos()));
      }
    }
    return out;
  }

  private List<ContainerLogSummary> logsByName(Map<String, CommandResult> out, List<ContainerInfo> containers) {
    if (containers.isEmpty()) return List.of();
    Map<String, String> names = new LinkedHashMap<>();
    for (ContainerInfo c : containers) names.put(c.id(), c.name());
    return List.copyOf(ContainerLogs.parse(stdout(out, "container logs"), nonce, names).values());
  }

  private List<ContainerInfo> containers(Map<String, CommandResult> out, MemoryInfo memory,
      Map<String, ContainerCpuParser.Reading> cpuReadings) {
    List<DockerPsParser.Row> ps = parsed(DockerPsParser.parse(stdout(out, "docker ps")));
    Map<String, DockerInspectParser.Row> inspect = parsed(DockerInspectParser.parse(stdout(out, "docker inspect")));
    Map<String, CgroupMemoryParser.Row> cgroups = parsed(CgroupMemoryParser.parse(stdout(out, "container memory")));
    List<String> unmeasured = ps.stream()
        .filter(row -> "running".equals(row.state()) && !cgroups.containsKey(row.id()))
        .map(DockerPsParser.Row::id)
        .toList();
    Map<String, DockerStatsParser.Row> stats = unmeasured.isEmpty() ? Map.of() : dockerStats(unmeasured);
    return ContainerAssembler.assemble(ps, inspect, cgroups, stats, cpuReadings, memory == null ? null : memory.totalBytes());
  }

  /** The slow path, only for running containers whose memory cgroup we could not find. */
  private Map<String, DockerStatsParser.Row> dockerStats(List<String> ids) {
    notes.add("container memory: no cgroup found for " + ids.size() + " running container(s), used docker stats");
    try {
      List<String> safe = ids.stream().filter(id -> rack.shell.ShellQuote.CONTAINER_ID.matcher(id).matches()).toList();
      CommandResult result = shell.run(HostCommands.dockerStats(safe), COMMAND_TIMEOUT);
      return parsed(DockerStatsParser.parse(checked("docker stats", result)));
    } catch (ShellException e) {
      notes.add("docker stats: " + e.getMessage());
      return Map.of();
    }
  }

  private boolean dockerAvailable(CommandResult ps) {
    if (ps == null) {
      return false;
    }
    if (ps.ok()) {
      return true;
    }
    if (ps.exitCode() != null && ps.exitCode() == NOT_FOUND) {
      notes.add("docker: not installed on this host");
    } else {
      notes.add("docker: not available: " + excerpt(ps.stderr()));
    }
    return false;
  }

  private String stdout(Map<String, CommandResult> out, String name) {
    return checked(name, out.get(name));
  }

  /** The command's stdout, with a note when it timed out, was cut, or failed without output. */
  private String checked(String name, CommandResult result) {
    if (result == null) {
      return ""; // CheckOutput noted why the section is missing
    }
    if (result.timedOut()) {
      notes.add(name + ": timed out after " + COMMAND_TIMEOUT.toSeconds() + " s");
    }
    if (result.truncated()) {
      notes.add(name + ": output cut at the size cap, listing is incomplete");
    }
    if (!result.ok() && !result.timedOut() && result.stdout().isBlank()) {
      notes.add(name + ": exit " + result.exitCode() + ": " + excerpt(result.stderr()));
    }
    return result.stdout();
  }

  private <T> T parsed(Parsed<T> parsed) {
    notes.addAll(parsed.notes());
    return parsed.value();
  }

  private static String excerpt(String text) {
    String line = text == null ? "" : text.strip();
    line = line.length() > 200 ? line.substring(0, 200) + "…" : line;
    return line.replaceAll("\\p{Cntrl}", " ");
  }
}
