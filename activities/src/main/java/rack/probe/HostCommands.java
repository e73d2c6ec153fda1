package rack.probe;

import java.util.List;
import rack.probe.parse.AuthorizedKeysParser;
import rack.probe.parse.CgroupMemoryParser;
import rack.probe.parse.ContainerCpuParser;
import rack.probe.parse.CronParser;
import rack.probe.parse.DockerInspectParser;
import rack.probe.parse.ExeLinksParser;
import rack.probe.parse.LdPreloadParser;
import rack.probe.parse.LoadParser;
import rack.probe.parse.ProcStatParser;
import rack.probe.parse.PsParser;
import rack.probe.parse.SsParser;
import rack.probe.parse.SystemdUnitParser;
import rack.shell.ShellQuote;

/**
 * The sections of one check (DESIGN A1.3, C7), run at once on the host by one {@link CheckScript} on
 * one exec channel. A new kind of data is one more entry in {@link #all}, read back in
 * {@link HostScan} by its name. None of them contains a value that came from the host. {@code docker stats} is not among them: it
 * samples CPU twice and takes 1.6–2.9 s, so container memory is read from the cgroup files instead
 * and {@code docker stats} runs only for containers whose cgroup was not found.
 */
final class HostCommands {
  static final String DOCKER_PS = "docker ps -a --no-trunc --format '{{json .}}'";
  static final String DOCKER_INSPECT = "ids=$(docker ps -aq --no-trunc) && [ -n \"$ids\" ] || exit 0; "
      + "docker inspect --format " + ShellQuote.quote(DockerInspectParser.FORMAT) + " $ids";
  static final String CONTAINER_MEMORY = CgroupMemoryParser.COMMAND;
  static final String DF = "df -P -B1";
  static final String MEMINFO = "cat /proc/meminfo";
  static final String LOAD = LoadParser.COMMAND;
  static final String CPU = ProcStatParser.COMMAND;
  static final String PS = PsParser.COMMAND;
  static final String EXE_LINKS = ExeLinksParser.COMMAND;
  static final String LD_PRELOAD = LdPreloadParser.COMMAND;
  static final String SOCKETS = SsParser.COMMAND;

  private HostCommands() {}

  /** Every section, in output order; {@code nonce} marks file boundaries in multi-file listings. */
  static List<CheckSection> all(String nonce) {
    return all(nonce, true);
  }

  /**
   * @param containerCpuTwice read container CPU twice {@value ContainerCpuParser#GAP_SECONDS} s apart
   *     (a first check: nothing earlier to compare with), else once
   */
  static List<CheckSection> all(String nonce, boolean containerCpuTwice) {
    return List.of(
        new CheckSection("docker ps", DOCKER_PS),
        new CheckSection("docker inspect", DOCKER_INSPECT),
        new CheckSection("container memory", CONTAINER_MEMORY),
        new CheckSection("container cpu", containerCpuTwice ? ContainerCpuParser.COMMAND : ContainerCpuParser.ONE_READ),
        new CheckSection("df", DF),
        new CheckSection("meminfo", MEMINFO),
        new CheckSection("load", LOAD),
        new CheckSection("cpu", CPU),
        new CheckSection("ps", PS),
        new CheckSection("exe links", EXE_LINKS),
        new CheckSection("cron", CronParser.command(nonce)),
        new CheckSection("systemd", SystemdUnitParser.command(nonce)),
        new CheckSection("ld.so.preload", LD_PRELOAD),
        new CheckSection("authorized_keys", AuthorizedKeysParser.command(nonce)),
        new CheckSection("sockets", SOCKETS));
  }

  /** {@code docker stats} for a few containers, ids validated and quoted. */
  static String dockerStats(Iterable<String> containerIds) {
    StringBuilder command = new StringBuilder("docker stats --no-stream --no-trunc --format '{{json .}}'");
    for (String id : containerIds) {
      command.append(' ').append(ShellQuote.container(id));
    }
    return command.toString();
  }
}
