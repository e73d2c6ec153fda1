package rack.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import rack.config.Thresholds;
import rack.detect.Baselines.Containers;
import rack.detect.Baselines.RestartEvent;
import rack.detect.Baselines.RestartHistory;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;
import rack.model.Severity;

/** Containers down, OOM-killed, above the memory threshold, or restarting too often (A2). */
final class ContainerCheck {
  static final long RESTART_WINDOW_MILLIS = 3_600_000L;

  private final Thresholds thresholds;

  ContainerCheck(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** Adds findings to {@code out}; returns what the next check needs to know about containers. */
  Containers evaluate(HostSnapshot snapshot, Containers previous, long nowMillis, List<Finding> out) {
    Set<String> wasRunning = new TreeSet<>(previous.running());
    List<String> running = new ArrayList<>();
    Map<String, RestartHistory> restarts = new TreeMap<>();
    for (ContainerInfo c : snapshot.containers()) {
      if (c == null || c.name() == null || c.name().isBlank()) continue;
      if (c.running()) running.add(c.name());
      checkDown(snapshot, c, wasRunning.contains(c.name()), out);
      checkOom(snapshot.host(), c, out);
      checkMemory(snapshot.host(), c, out);
      restarts.put(c.name(), checkRestarts(snapshot.host(), c, previous.restarts().get(c.name()), nowMillis, out));
    }
    // Containers that vanished drop out of the baseline: a re-created container starts afresh.
    return new Containers(running, restarts);
  }

  /**
   * Down = exited/dead/created while it is expected to run: it has a restart policy other than
   * "no", or it was running at the previous check. High here; Critical once {@link LinkedFindings}
   * finds the status page showing a service it serves DOWN (users are affected).
   */
  private void checkDown(HostSnapshot snapshot, ContainerInfo c, boolean wasRunning, List<Finding> out) {
    String state = c.state() == null ? "" : c.state().toLowerCase(Locale.ROOT);
    boolean stopped = state.equals("exited") || state.equals("dead") || state.equals("created");
    if (!stopped) return;
    String policy = c.restartPolicy() == null ? "" : c.restartPolicy().trim().toLowerCase(Locale.ROOT);
    boolean hasRestartPolicy = !policy.isEmpty() && !policy.equals("no");
    if (!hasRestartPolicy && !wasRunning) return;
    out.add(FindingBuilder.of(snapshot.host(), FindingKind.CONTAINER_DOWN, Severity.HIGH, c.name())
        .summary("container " + c.name() + " is " + state + (c.exitCode() == null ? "" : " (exit code " + c.exitCode() + ")")
            + (hasRestartPolicy ? " despite restart policy " + policy : " but was running at the previous check"))
        .evidence("docker ps -a: " + c.name() + " " + c.state() + (c.status() == null ? "" : " (" + c.status() + ")")
            + (c.image() == null ? "" : " image " + c.image()))
        .fact("container", c.name())
        .fact("exitCode", c.exitCode())
        .fact("restartPolicy", policy.isEmpty() ? null : policy)
        .measured(state, "running")
        .build());
  }

  private void checkOom(String host, ContainerInfo c, List<Finding> out) {
    if (!c.oomKilled()) return;
    out.add(FindingBuilder.of(host, FindingKind.CONTAINER_OOM, Severity.HIGH, c.name())
        .summary("container " + c.name() + " was OOM-killed" + (c.exitCode() == null ? "" : " (exit code " + c.exitCode() + ")"))
        .evidence("docker inspect: State.OOMKilled=true, state " + c.state())
        .fact("container", c.name())
        .fact("exitCode", c.exitCode())
        .measured("OOMKilled", "not OOMKilled")
        .build());
  }

  private void checkMemory(String host, ContainerInfo c, List<Finding> out) {
    Double percent = memoryPercent(c);
    if (percent == null || !(percent > thresholds.containerMemoryPercent())) return;
    out.add(FindingBuilder.of(host, FindingKind.CONTAINER_MEMORY, Severity.HIGH, c.name())
        .summary("container " + c.name() + " memory at " + Measured.percent(percent)
            + " (threshold " + Measured.percent(thresholds.containerMemoryPercent()) + ")")
        .evidence("docker stats: " + c.name() + " MemPerc " + Measured.percent(percent)
            + (c.memUsageBytes() == null || c.memLimitBytes() == null ? ""
                : " (" + c.memUsageBytes() + " of " + c.memLimitBytes() + " bytes)"))
        .fact("container", c.name())
        .measured(Measured.percent(percent), Measured.percent(thresholds.containerMemoryPercent()))
        .build());
  }

  /** docker's MemPerc when present, else usage / limit. */
  static Double memoryPercent(ContainerInfo c) {
    if (c.memPercent() != null && !c.memPercent().isNaN()) return c.memPercent();
    if (c.memUsageBytes() != null && c.memLimitBytes() != null && c.memLimitBytes() > 0) {
      return 100.0 * c.memUsageBytes() / c.memLimitBytes();
    }
    return null;
  }

  /**
   * Restarts in the last hour = the sum of RestartCount increases seen by checks within the hour.
   * A count that went down means the container was re-created: its whole count is new. On the
   * first sight of a container we cannot date its restarts, except that a container docker shows
   * as "restarting" with a count already above the threshold is crash-looping right now: that
   * counts as a breach (judgement: waiting an hour to report a visible crash loop helps nobody).
   */
  private RestartHistory checkRestarts(String host, ContainerInfo c, RestartHistory previous, long nowMillis, List<Finding> out) {
    int count = Math.max(0, c.restartCount());
    List<RestartEvent> events = new ArrayList<>();
    int newRestarts = 0;
    if (previous != null) {
      newRestarts = count >= previous.lastCount() ? count - previous.lastCount() : count;
      for (RestartEvent e : previous.events()) {
        if (nowMillis - e.atMillis() < RESTART_WINDOW_MILLIS && e.atMillis() <= nowMillis) events.add(e);
      }
    }
    if (newRestarts > 0) events.add(new RestartEvent(nowMillis, newRestarts));
    int inWindow = events.stream().mapToInt(RestartEvent::restarts).sum();
    boolean crashLoopingAtFirstSight = previous == null
        && "restarting".equalsIgnoreCase(c.state()) && count > thresholds.restartsPerHour();
    if (inWindow > thresholds.restartsPerHour() || crashLoopingAtFirstSight) {
      int measured = crashLoopingAtFirstSight ? count : inWindow;
      out.add(FindingBuilder.of(host, FindingKind.CONTAINER_RESTARTING, Severity.HIGH, c.name())
          .summary("container " + c.name() + " restarted " + measured + " times in the last hour (threshold "
              + thresholds.restartsPerHour() + ")")
          .evidence("docker inspect: RestartCount " + count + ", state " + c.state())
          .evidence(crashLoopingAtFirstSight ? "first check of this container: it is restarting now with a count above the threshold" : null)
          .fact("container", c.name())
          .fact("restartCount", count)
          .measured(String.valueOf(measured), String.valueOf(thresholds.restartsPerHour()))
          .build());
    }
    return new RestartHistory(count, events);
  }
}
