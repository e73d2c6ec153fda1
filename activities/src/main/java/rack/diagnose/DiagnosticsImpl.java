package rack.diagnose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import rack.config.RackConfig;
import rack.hostaction.BoundedText;
import rack.hostaction.HostShells;
import rack.model.HostSnapshot;
import rack.probe.HostProbe;
import rack.shell.CommandResult;
import rack.shell.Shell;
import rack.shell.ShellException;
import rack.shell.ShellFactory;
import rack.shell.ShellQuote;

/**
 * Read-only diagnostics for a finding (DESIGN A3.4): the host-wide commands first, in parallel on one
 * shell, then logs and inspect for every requested or unhealthy container, also in parallel. Outputs
 * are bounded because they travel through workflow history into the developer's report.
 *
 * <p>{@code docker inspect} goes through a format template that picks the fields the report needs
 * (restart count, OOM kill, exit code, memory limit, restart policy, log config): the full inspect
 * document carries the container's environment, which often holds secrets.
 */
public final class DiagnosticsImpl implements Diagnostics {
  static final String PS = "docker ps -a --no-trunc";
  static final String STATS = "docker stats --no-stream --no-trunc";
  /** Machine-readable twin of {@link #PS}, only to pick the unhealthy containers. */
  static final String CONTAINER_STATES = "docker ps -a --format '{{.Names}}\t{{.State}}\t{{.Status}}'";
  static final String DF = "df -h";
  static final String FREE = "free -m";
  /** What fills a disk: images, volumes and build cache... */
  static final String DOCKER_DF = "docker system df";
  /** ...or container logs (largest last); the root-cause rules compare the two. */
  static final String CONTAINER_LOGS = "du -b /var/lib/docker/containers/*/*-json.log 2>/dev/null | sort -n | tail -n 20";
  static final String INSPECT_FORMAT = "name={{.Name}} status={{.State.Status}} restartCount={{.RestartCount}}"
      + " oomKilled={{.State.OOMKilled}} exitCode={{.State.ExitCode}} error={{json .State.Error}}"
      + " startedAt={{.State.StartedAt}} finishedAt={{.State.FinishedAt}}"
      + " health={{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}"
      + " memoryLimit={{.HostConfig.Memory}} restartPolicy={{json .HostConfig.RestartPolicy}}"
      + " logConfig={{json .HostConfig.LogConfig}}";
  /** The host-wide sections that only docker fills; left out of the bundle where docker is not usable. */
  static final List<String> DOCKER_SECTIONS = List.of(PS, STATS, DOCKER_DF, CONTAINER_LOGS);
  /** At most this many containers get logs and inspect, so one bundle stays a reasonable payload. */
  static final int MAX_CONTAINERS = 12;
  static final int MAX_OUTPUT_CHARS = 12_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(45);

  private final HostShells shells;
  private final HostProbe probe;
  private final ExecutorService pool;

  /** @param probe optional: fills the bundle's snapshot; null leaves it to the loop's own probe call */
  public DiagnosticsImpl(ShellFactory shellFactory, RackConfig config, HostProbe probe) {
    this.shells = new HostShells(shellFactory, config);
    this.probe = probe;
    this.pool = Executors.newFixedThreadPool(6, daemonThreads());
  }

  public DiagnosticsImpl(ShellFactory shellFactory, RackConfig config) {
    this(shellFactory, config, null);
  }

  @Override
  public DiagnosticBundle gather(String host, List<String> containers) {
    List<String> notes = new ArrayList<>();
    Map<String, String> outputs = new LinkedHashMap<>();
    try (Shell shell = shells.open(host)) {
      Map<String, CommandResult> hostWide = runAll(shell, List.of(PS, STATS, DF, FREE, DOCKER_DF, CONTAINER_LOGS, CONTAINER_STATES));
      CommandResult states = hostWide.remove(CONTAINER_STATES);
      if (!states.ok()) {
        // Every docker command would fail the same way (the daemon is down or docker is not
        // installed): one note says so instead of one error block per docker section.
        DOCKER_SECTIONS.forEach(hostWide::remove);
        notes.add(dockerUnavailable(host, states));
      }
      hostWide.forEach((command, result) -> outputs.put(command, BoundedText.head(BoundedText.combined(result), MAX_OUTPUT_CHARS)));
      if (states.ok()) {
        List<String> commands = new ArrayList<>();
        for (String container : containersToExamine(containers, states.stdout(), notes)) {
          String quoted = ShellQuote.container(container);
          commands.add("docker logs --tail 100 " + quoted);
          commands.add("docker inspect --format " + ShellQuote.quote(INSPECT_FORMAT) + " " + quoted);
        }
        runAll(shell, commands).forEach((command, result) -> outputs.put(command,
            command.startsWith("docker logs")
                ? BoundedText.tail(BoundedText.combined(result), MAX_OUTPUT_CHARS)
                : BoundedText.head(BoundedText.combined(result), MAX_OUTPUT_CHARS)));
      }
    } catch (ShellException e) {
      throw HostShells.failure(host, e);
    }
    return new DiagnosticBundle(snapshot(host, notes), outputs, notes);
  }

  /** One line: docker's own first line of complaint, e.g. "Cannot connect to the Docker daemon at ...". */
  static String dockerUnavailable(String host, CommandResult states) {
    String said = BoundedText.combined(states).lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.equals("[stderr]")).findFirst().orElse("no answer");
    return "Docker is not available on " + host + " (" + BoundedText.head(said, 200)
        + "): the docker sections are left out";
  }

  /** Requested containers first, then every one {@code docker ps -a} shows as not running well. */
  static List<String> containersToExamine(List<String> requested, String stateLines, List<String> notes) {
    Set<String> chosen = new LinkedHashSet<>();
    for (String name : requested == null ? List.<String>of() : requested) {
      if (ShellQuote.CONTAINER_NAME.matcher(name).matches() || ShellQuote.CONTAINER_ID.matcher(name).matches()) {
        chosen.add(name);
      } else {
        notes.add("refused unsafe container name: " + name.replaceAll("[^\\x20-\\x7e]", "?"));
      }
    }
    chosen.addAll(unhealthyContainers(stateLines));
    if (chosen.size() > MAX_CONTAINERS) {
      notes.add((chosen.size() - MAX_CONTAINERS) + " more containers not examined (limit " + MAX_CONTAINERS + ")");
      return List.copyOf(chosen).subList(0, MAX_CONTAINERS);
    }
    return List.copyOf(chosen);
  }

  /**
   * From lines {@code name<TAB>state<TAB>status}: a container not running, restarting, or running
   * but reported unhealthy by its health check.
   */
  static List<String> unhealthyContainers(String stateLines) {
    List<String> names = new ArrayList<>();
    for (String line : stateLines.lines().toList()) {
      String[] fields = line.split("\t", 3);
      if (fields.length < 3 || !ShellQuote.CONTAINER_NAME.matcher(fields[0]).matches()) continue;
      boolean healthy = fields[1].equals("running") && !fields[2].contains("(unhealthy)");
      if (!healthy) names.add(fields[0]);
    }
    return names;
  }

  private HostSnapshot snapshot(String host, List<String> notes) {
    if (probe == null) return null;
    try {
      return probe.collect(host);
    } catch (RuntimeException e) {
      notes.add("snapshot not collected: " + e.getMessage());
      return null;
    }
  }

  /** Runs the commands concurrently on one shell; results keep the order of {@code commands}. */
  private Map<String, CommandResult> runAll(Shell shell, List<String> commands) throws ShellException {
    Map<String, CompletableFuture<CommandResult>> running = new LinkedHashMap<>();
    for (String command : commands) {
      running.put(command, CompletableFuture.supplyAsync(() -> {
        try {
          return shell.run(command, TIMEOUT);
        } catch (ShellException e) {
          throw new CompletionException(e);
        }
      }, pool));
    }
    Map<String, CommandResult> results = new LinkedHashMap<>();
    for (Map.Entry<String, CompletableFuture<CommandResult>> entry : running.entrySet()) {
      try {
        results.put(entry.getKey(), entry.getValue().join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof ShellException shellFailure) throw shellFailure;
        throw e;
      }
    }
    return results;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "rack-diagnostics-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
