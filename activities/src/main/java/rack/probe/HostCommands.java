package rack.probe;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * The commands one check runs on a host (DESIGN A1.3, C7), all at once over one connection. None
 * of them contains a value that came from the host. {@code docker stats} is not among them: it
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

  /** Every command by name; {@code nonce} marks file boundaries in multi-file listings. */
  static Map<String, String> all(String nonce) {
    Map<String, String> commands = new LinkedHashMap<>();
    commands.put("docker ps", DOCKER_PS);
    commands.put("docker inspect", DOCKER_INSPECT);
    commands.put("container memory", CONTAINER_MEMORY);
    commands.put("container cpu", ContainerCpuParser.COMMAND);
    commands.put("df", DF);
    commands.put("meminfo", MEMINFO);
    commands.put("load", LOAD);
    commands.put("cpu", CPU);
    commands.put("ps", PS);
    commands.put("exe links", EXE_LINKS);
    commands.put("cron", CronParser.command(nonce));
    commands.put("systemd", SystemdUnitParser.command(nonce));
    commands.put("ld.so.preload", LD_PRELOAD);
    commands.put("authorized_keys", AuthorizedKeysParser.command(nonce));
    commands.put("sockets", SOCKETS);
    return commands;
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
