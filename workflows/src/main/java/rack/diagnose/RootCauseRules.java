package rack.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import rack.config.Thresholds;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;

/**
 * Turns a finding plus its diagnostics into a root cause and a permanent fix (DESIGN A3.5). Pure:
 * each rule reads the fresh snapshot and the raw outputs, the first rule that explains the evidence
 * wins, and anything no rule explains is {@link Diagnosis#undetermined} so the loop escalates.
 *
 * <p>Outputs are looked up by the command that produced them (the bundle's keys): the logs of a
 * container by a key containing {@code docker logs} and its name, disk usage by keys containing
 * {@code docker system df} (images, volumes, build cache) and {@code json.log} (container logs).
 */
public final class RootCauseRules {
  private static final Pattern ERROR_LINE =
      Pattern.compile("(?i)\\b(error|exception|fatal|panic|failed|cannot|can't|refused|denied|no such)\\b");
  private static final int ERROR_LINES_QUOTED = 3;

  private final Thresholds thresholds;

  public RootCauseRules(Thresholds thresholds) {
    this.thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
  }

  public Diagnosis diagnose(Finding finding, DiagnosticBundle bundle) {
    HostSnapshot snapshot = bundle == null ? null : bundle.snapshot();
    Map<String, String> outputs = bundle == null || bundle.outputs() == null ? Map.of() : bundle.outputs();
    List<String> affected = affected(finding);
    List<String> baseEvidence = new ArrayList<>();
    baseEvidence.add(finding.summary());
    baseEvidence.addAll(finding.evidence());

    if (finding.kind() == FindingKind.HOST_UNREACHABLE || (snapshot != null && !snapshot.reachable())) {
      return hostUnreachable(finding, snapshot, baseEvidence, affected);
    }
    Optional<ContainerInfo> container = container(finding, snapshot);
    if (container.isPresent()) {
      Optional<Diagnosis> byContainer = containerRules(finding, container.get(), outputs, baseEvidence, affected);
      if (byContainer.isPresent()) return byContainer.get();
    }
    Optional<Diagnosis> stopped = stoppedBySignal(finding, baseEvidence, affected);
    if (stopped.isPresent()) return stopped.get();
    return switch (finding.kind()) {
      case DISK_FULL, DISK_GROWTH, DISK_FILLING -> disk(finding, outputs, baseEvidence, affected);
      case ERROR_LOG_BURST -> errorBurst(finding, baseEvidence, affected);
      case CONTAINER_CPU -> containerCpu(finding, outputs, baseEvidence, affected);
      case HOST_CPU -> cpu(finding, snapshot, baseEvidence, affected);
      case SLOW_RESPONSE, SERVICE_DEGRADED -> slowResponses(finding, snapshot, baseEvidence, affected);
      default -> Diagnosis.undetermined(baseEvidence, affected);
    };
  }

  /**
   * Down with exit 137 or 143 and not OOM-killed: the container was stopped or killed from outside
   * (docker stop/kill, a deploy, an operator). Read from the finding because the emergency restart
   * has already replaced the state that docker inspect would show by the time diagnostics run.
   */
  private static Optional<Diagnosis> stoppedBySignal(Finding f, List<String> evidence, List<String> affected) {
    String exit = f.fact("exitCode");
    if (!("137".equals(exit) || "143".equals(exit))) return Optional.empty();
    if (f.kind() != FindingKind.CONTAINER_DOWN && f.kind() != FindingKind.SERVICE_DOWN) return Optional.empty();
    String name = f.fact("container") != null ? f.fact("container") : f.subject();
    String signal = "137".equals(exit) ? "SIGKILL" : "SIGTERM";
    List<String> ev = new ArrayList<>(evidence);
    ev.add("exit code " + exit + " = " + signal + ", OOMKilled=false: stopped from outside, not a crash");
    return Optional.of(new Diagnosis(true,
        "Container " + name + " was stopped by a signal (exit " + exit + ", " + signal + ", not OOM-killed) and its "
            + "restart policy " + (f.fact("restartPolicy") == null ? "" : "(" + f.fact("restartPolicy") + ") ")
            + "did not bring it back: a manual docker stop/kill or a deploy step",
        "Find who stopped `" + name + "` (`docker events --since` on the host, deploy logs, shell history) and make "
            + "the deploy verify every service is running afterwards; use `restart: always` for services that "
            + "must survive a manual stop.",
        ev, affected));
  }

  private static Diagnosis hostUnreachable(Finding f, HostSnapshot s, List<String> evidence, List<String> affected) {
    String problem = s != null && s.problem() != null ? s.problem() : f.summary();
    List<String> ev = new ArrayList<>(evidence);
    ev.add("probe: " + problem);
    return new Diagnosis(true, "Host " + f.host() + " is unreachable: " + problem,
        "Restore access to " + f.host() + " (host power, network, firewall, sshd); if the host was rebuilt, "
            + "re-provision it from the setup scripts so rack's key and known_hosts entry are in place.",
        ev, affected);
  }

  private Optional<Diagnosis> containerRules(
      Finding f, ContainerInfo c, Map<String, String> outputs, List<String> evidence, List<String> affected) {
    List<String> ev = new ArrayList<>(evidence);
    ev.add("docker inspect " + c.name() + ": state=" + c.state() + ", exit code=" + c.exitCode() + ", OOMKilled="
        + c.oomKilled() + ", restarts=" + c.restartCount() + ", memory limit=" + bytes(c.memLimitBytes())
        + ", restart policy=" + c.restartPolicy());

    // Exit 137 alone is any SIGKILL (docker stop after its grace period, docker kill): only
    // OOMKilled says the kernel did it for memory.
    if (c.oomKilled()) {
      boolean unlimited = c.memLimitBytes() == null || c.memLimitBytes() <= 0;
      if (unlimited) {
        return Optional.of(new Diagnosis(true,
            "Container " + c.name() + " was OOM-killed (exit 137) and runs without a memory limit",
            "Set a memory limit for `" + c.name() + "` in docker-compose.yml (`mem_limit:` or "
                + "`deploy.resources.limits.memory`) sized above its normal peak, and find what makes it grow "
                + "(leak, unbounded cache) so the limit is never reached in normal operation.",
            ev, affected));
      }
      return Optional.of(new Diagnosis(true,
          "Container " + c.name() + " was OOM-killed (exit 137) at its memory limit of " + bytes(c.memLimitBytes()),
          "Find the memory growth in `" + c.name() + "` (heap dump, leak) or, if the load is legitimate, raise "
              + "its memory limit in docker-compose.yml deliberately.",
          ev, affected));
    }

    boolean crashing = "restarting".equalsIgnoreCase(c.state())
        || f.kind() == FindingKind.CONTAINER_RESTARTING
        || (!c.running() && c.exitCode() != null && c.exitCode() != 0);
    if (crashing) {
      List<String> errors = firstErrorLines(logsOf(c.name(), outputs));
      if (errors.isEmpty()) return Optional.empty();
      ev.addAll(0, errors.stream().map(l -> "log: " + l).toList());
      return Optional.of(new Diagnosis(true,
          "Container " + c.name() + " crash-loops (exit code " + c.exitCode() + ", " + c.restartCount()
              + " restarts): " + errors.get(0),
          "Fix the startup failure of `" + c.name() + "` shown in its logs (" + errors.get(0) + ") in the code or "
              + "configuration it starts with, and give it a healthcheck in docker-compose.yml so a broken "
              + "deploy is caught before it serves traffic.",
          ev, affected));
    }

    if (!c.running() && Integer.valueOf(0).equals(c.exitCode())) {
      return Optional.of(new Diagnosis(true,
          "Container " + c.name() + " was stopped cleanly (exit code 0): stopped by an operator, a deploy or the "
              + "daemon, not a crash",
          "Make the deploy bring `" + c.name() + "` back by itself: `restart: unless-stopped` in "
              + "docker-compose.yml, and a deploy step that checks every service is running afterwards.",
          ev, affected));
    }

    if (c.memPercent() != null && c.memPercent() > thresholds.containerMemoryPercent()) {
      return Optional.of(new Diagnosis(true,
          String.format(Locale.ROOT, "Container %s uses %.0f%% of its memory limit", c.name(), c.memPercent()),
          "Find the memory growth in `" + c.name() + "` or size its limit in docker-compose.yml to its real "
              + "working set, before the kernel OOM-kills it.",
          ev, affected));
    }
    return Optional.empty();
  }

  private static Diagnosis disk(Finding f, Map<String, String> outputs, List<String> evidence, List<String> affected) {
    String mount = f.fact("mountPoint") != null ? f.fact("mountPoint") : f.subject();
    long logBytes = 0;
    String biggestLog = null;
    long biggest = -1;
    long dockerReclaimable = 0;
    List<String> ev = new ArrayList<>(evidence);
    for (Map.Entry<String, String> output : outputs.entrySet()) {
      if (output.getKey().contains("json.log")) {
        for (String line : lines(output.getValue())) {
          String[] parts = line.trim().split("\\s+", 2);
          Long size = DockerSizes.parse(parts[0]);
          if (size == null || parts.length < 2) continue;
          logBytes += size;
          if (size > biggest) {
            biggest = size;
            biggestLog = parts[1];
          }
        }
        ev.add("container logs: " + DockerSizes.format(logBytes) + " in total");
      } else if (output.getKey().contains("docker system df")) {
        dockerReclaimable = DockerSizes.reclaimable(output.getValue());
        ev.add("docker system df: " + DockerSizes.format(dockerReclaimable) + " reclaimable (images, volumes, build cache)");
      }
    }
    if (logBytes == 0 && dockerReclaimable == 0) return Diagnosis.undetermined(ev, affected);
    if (logBytes >= dockerReclaimable) {
      return new Diagnosis(true,
          "Disk " + mount + " is filled by container logs (" + DockerSizes.format(logBytes) + ", largest "
              + biggestLog + ")",
          "Rotate container logs: `logging: {driver: json-file, options: {max-size: \"10m\", max-file: \"3\"}}` "
              + "for every service in docker-compose.yml, or `log-opts` in /etc/docker/daemon.json in the host "
              + "setup script; and lower the log level of the noisiest service.",
          ev, affected);
    }
    return new Diagnosis(true,
        "Disk " + mount + " is filled by unused docker images, volumes and build cache ("
            + DockerSizes.format(dockerReclaimable) + " reclaimable)",
        "Prune in the deploy: `docker image prune -af --filter until=168h` and `docker builder prune -f` after "
            + "each deploy, and remove volumes of retired services; alert on disk growth.",
        ev, affected);
  }

  /**
   * The burst's most repeated line is the lead: the check already counted and deduplicated it, so
   * the root cause names it with its count rather than guessing from the last 100 lines.
   */
  private static Diagnosis errorBurst(Finding f, List<String> evidence, List<String> affected) {
    String top = f.fact("topLogLine");
    if (top == null) return Diagnosis.undetermined(evidence, affected);
    String name = f.fact("container") != null ? f.fact("container") : f.subject();
    return new Diagnosis(true,
        "Container " + name + " logs a burst of errors (" + f.fact("errorLines") + " since the previous check, usually "
            + f.fact("usualErrorLines") + "), most often: " + top,
        "Fix the failure behind `" + top + "` in `" + name + "` (the dependency or code path it names) and add an "
            + "alert on its error rate so a burst is caught at its start.",
        evidence, affected);
  }

  /** Sustained CPU inside one container: its busiest lines of output are the best lead rack has. */
  private static Diagnosis containerCpu(Finding f, Map<String, String> outputs, List<String> evidence, List<String> affected) {
    String name = f.fact("container") != null ? f.fact("container") : f.subject();
    List<String> ev = new ArrayList<>(evidence);
    List<String> logs = lines(logsOf(name, outputs)).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (!logs.isEmpty()) ev.add("last log line of " + name + ": " + logs.get(logs.size() - 1));
    return new Diagnosis(true,
        "Container " + name + " has used " + f.fact("measured") + " of a CPU core for " + f.fact("consecutiveChecks")
            + " consecutive checks: a busy loop or runaway work inside it",
        "Profile `" + name + "` (what spins: a retry loop, a hot path, a job without backoff), fix it, and set a "
            + "`cpus:` limit in docker-compose.yml so one container cannot starve the others.",
        ev, affected);
  }

  private Diagnosis cpu(Finding f, HostSnapshot s, List<String> evidence, List<String> affected) {
    List<String> ev = new ArrayList<>(evidence);
    if (f.fact("pid") != null) {
      String name = f.fact("comm") != null ? f.fact("comm") : f.fact("args");
      ev.add("process " + f.fact("pid") + " (" + f.fact("user") + "): " + f.fact("args"));
      return new Diagnosis(true,
          "Runaway process " + name + " (pid " + f.fact("pid") + ") saturates the host CPU",
          "Find why `" + name + "` spins (loop, retry storm) and cap it: `cpus:` in docker-compose.yml or "
              + "`CPUQuota=` in its systemd unit.",
          ev, affected);
    }
    Optional<ContainerInfo> top = topCpuContainer(s);
    if (top.isPresent() && top.get().cpuPercent() > thresholds.hostCpuPercent()) {
      ContainerInfo c = top.get();
      ev.add(String.format(Locale.ROOT, "docker stats: %s at %.0f%% CPU", c.name(), c.cpuPercent()));
      return new Diagnosis(true,
          String.format(Locale.ROOT, "Container %s uses %.0f%% CPU and saturates the host", c.name(), c.cpuPercent()),
          "Profile `" + c.name() + "` under its current load and fix the hot path; set a `cpus:` limit in "
              + "docker-compose.yml so one container cannot starve the others.",
          ev, List.of(c.name()));
    }
    return Diagnosis.undetermined(ev, affected);
  }

  private Diagnosis slowResponses(Finding f, HostSnapshot s, List<String> evidence, List<String> affected) {
    List<String> ev = new ArrayList<>(evidence);
    boolean loadSaturated = s != null && s.load() != null && s.load().cores() > 0
        && s.load().load1() >= s.load().cores();
    Optional<ContainerInfo> top = topCpuContainer(s);
    boolean containerSaturated = top.isPresent() && top.get().cpuPercent() > thresholds.hostCpuPercent();
    if (!loadSaturated && !containerSaturated) return Diagnosis.undetermined(ev, affected);
    if (loadSaturated) {
      ev.add(String.format(Locale.ROOT, "load %.2f on %d cores", s.load().load1(), s.load().cores()));
    }
    top.ifPresent(c -> ev.add(String.format(Locale.ROOT, "busiest container %s at %.0f%% CPU", c.name(), c.cpuPercent())));
    return new Diagnosis(true,
        "Responses of " + f.subject() + " are slow while the host CPU is saturated"
            + top.filter(c -> containerSaturated).map(c -> " by " + c.name()).orElse(""),
        "Take CPU-heavy work off the request path (queue it) or give the host more cores, and set `cpus:` "
            + "limits in docker-compose.yml so background work cannot starve the services.",
        ev, affected);
  }

  private static Optional<ContainerInfo> topCpuContainer(HostSnapshot s) {
    if (s == null) return Optional.empty();
    return s.containers().stream().filter(c -> c.cpuPercent() != null)
        .max(Comparator.comparingDouble(ContainerInfo::cpuPercent));
  }

  /** The container a finding is about: its {@code container} fact, or a container named like its subject. */
  static Optional<ContainerInfo> container(Finding f, HostSnapshot s) {
    if (s == null) return Optional.empty();
    String wanted = f.fact("container") != null ? f.fact("container") : f.subject();
    if (wanted == null) return Optional.empty();
    return s.containers().stream().filter(c -> wanted.equalsIgnoreCase(c.name())).findFirst();
  }

  private static List<String> affected(Finding f) {
    List<String> names = new ArrayList<>();
    if (f.fact("service") != null) names.add(f.fact("service"));
    if (f.fact("container") != null && !names.contains(f.fact("container"))) names.add(f.fact("container"));
    if (names.isEmpty() && f.subject() != null) names.add(f.subject());
    return names;
  }

  private static String logsOf(String container, Map<String, String> outputs) {
    return outputs.entrySet().stream()
        .filter(e -> e.getKey().contains("docker logs") && e.getKey().contains(container))
        .map(Map.Entry::getValue).findFirst().orElse("");
  }

  /** The first lines that look like errors; when none do, the last lines before the exit. */
  static List<String> firstErrorLines(String logs) {
    List<String> all = lines(logs).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    List<String> errors = all.stream().filter(l -> ERROR_LINE.matcher(l).find()).limit(ERROR_LINES_QUOTED).toList();
    if (!errors.isEmpty()) return errors;
    return all.subList(Math.max(0, all.size() - ERROR_LINES_QUOTED), all.size());
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : text.lines().toList();
  }

  private static String bytes(Long value) {
    return value == null || value <= 0 ? "none" : DockerSizes.format(value);
  }
}
