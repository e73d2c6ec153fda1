package rack.monitor;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import rack.model.MetricNames;
import java.util.List;
import org.slf4j.Logger;
import rack.config.HostConfig;
import rack.config.Thresholds;
import rack.detect.AcceptedEntry;
import rack.detect.Acceptance;
import rack.detect.Baselines;
import rack.detect.Detector;
import rack.detect.Evaluation;
import rack.loop.LoopLauncher;
import rack.loop.RackSearchAttributes;
import rack.model.AlertNotice;
import rack.model.Finding;
import rack.model.HostSnapshot;
import rack.probe.HostProbe;

/**
 * The routine health check of one host (DESIGN A1, B2), as a loop: wait until a check is due,
 * collect a snapshot (one activity), judge it with the {@link Detector} and the baselines held in
 * this workflow's state, and hand each finding to the {@link LoopLauncher}, which starts the loop
 * for its fingerprint or feeds the running one. A healthy check only updates state and the UI.
 *
 * <p>Signals only change what the loop waits for: {@code checkNow} wakes it at once (even while
 * paused: a person asked for it), {@code pause}/{@code resume} hold routine checks. Every
 * {@code checksBeforeContinueAsNew} checks (or when the server suggests it) the monitor continues
 * as new with its baselines, but never while paused: the pause is not part of the carried input, so
 * a paused monitor stays in its run (it adds almost no history while waiting).
 */
public class HostMonitorWorkflowImpl implements HostMonitorWorkflow {
  static final int DEFAULT_CHECKS_BEFORE_CONTINUE_AS_NEW = 100;
  static final String SERVICE_LINKS = "service-links";
  /** From this version high host CPU beside a CPU-burning intruder joins the anomaly loop. */
  static final String HOST_CPU_JOINS_INTRUDER = "host-cpu-joins-intruder";
  /** Names of problems sent to loops (a problem has a few: its containers, its service). */
  static final int MAX_REMEMBERED_NAMES = 200;
  /**
   * An alert that arrives within this long after a check started joins that check: the check read
   * the status page moments ago, and senders alert after their own failure threshold, so the
   * problem was already visible. A later alert asks for one more check.
   */
  static final Duration ALERT_JOINS_RUNNING_CHECK = Duration.ofSeconds(15);
  private static final long PAUSED_INDEFINITELY = Long.MAX_VALUE;
  private static final Logger log = Workflow.getLogger(HostMonitorWorkflowImpl.class);

  private static final ActivityOptions PROBE_OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setHeartbeatTimeout(HostProbe.HEARTBEAT_TIMEOUT)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(5))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(4)
          .build())
      .build();

  /** Signal-with-start is idempotent on the fingerprint, so retrying the launcher is always safe. */
  private static final ActivityOptions LAUNCHER_OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(10)
          .build())
      .build();

  private String host;
  private Duration interval;
  private Thresholds thresholds;
  private int checksBeforeContinueAsNew;
  private Baselines baselines = Baselines.empty();
  /** Maintenance windows: findings inside one are recorded in the check summary, no loop starts. */
  private List<rack.config.Silence> silences = List.of();
  /** The host's service-container links from the config. */
  private Map<String, List<String>> services = Map.of();
  /** False only while replaying a run that started before services were linked to containers. */
  private boolean linkServices = true;
  /** False only while replaying a run from before host CPU joined a CPU-burning intruder's loop. */
  private boolean hostCpuJoinsIntruder = true;

  private CheckSummary lastCheck;
  private String lastProblem;
  /**
   * A problem's names (see {@link LoopTriggers#names}) -> the loop last sent it: the open loop keeps
   * being fed by any later symptom of the same problem, in whichever order the symptoms appear.
   */
  private final LinkedHashMap<String, String> loopByProblem = new LinkedHashMap<>();
  private long nextCheckAtMillis;

  private boolean checkRequested;
  /** A check is in flight (between its start and the end of its evaluation). */
  private boolean checking;
  private long checkStartedAtMillis;
  /** Alerts received in this run, and the last one, for the UI. */
  private int alertsReceived;
  private AlertNotice lastAlert;
  private long pausedUntilMillis;
  /** Bumped by pause and resume, so a wait notices that its reason changed. */
  private int pauseChanges;

  @Override
  public void run(MonitorInput input) {
    host = input.host();
    interval = input.interval() == null || input.interval().isZero() || input.interval().isNegative()
        ? HostConfig.DEFAULT_INTERVAL : input.interval();
    thresholds = input.thresholds() == null ? Thresholds.defaults() : input.thresholds();
    checksBeforeContinueAsNew = input.checksBeforeContinueAsNew() > 0
        ? input.checksBeforeContinueAsNew() : DEFAULT_CHECKS_BEFORE_CONTINUE_AS_NEW;
    baselines = input.baselines() == null ? Baselines.empty() : input.baselines();
    silences = input.silences() == null ? List.of() : input.silences();
    services = input.services() == null ? Map.of() : input.services();
    if (input.openProblems() != null) loopByProblem.putAll(input.openProblems());
    nextCheckAtMillis = Workflow.currentTimeMillis();
    tagWithHost();
    describe();

    // Runs started before issue 12 replay without service links and with exact-name grouping: their
    // histories hold one loop launch per name, which the links would merge.
    linkServices = Workflow.getVersion(SERVICE_LINKS, Workflow.DEFAULT_VERSION, 1) >= 1;
    hostCpuJoinsIntruder = Workflow.getVersion(HOST_CPU_JOINS_INTRUDER, Workflow.DEFAULT_VERSION, 1) >= 1;
    Detector detector = linkServices ? new Detector(thresholds, services) : Detector.withoutServiceLinks(thresholds);
    int checks = 0;
    while (true) {
      awaitNextCheck();
      boolean historyFull = checks >= checksBeforeContinueAsNew || (checks > 0 && Workflow.getInfo().isContinueAsNewSuggested());
      if (historyFull && !paused()) {
        Workflow.continueAsNew(new MonitorInput(host, interval, thresholds, baselines, checksBeforeContinueAsNew, silences,
            services, new LinkedHashMap<>(loopByProblem)));
        return;
      }
      checkRequested = false;
      long startedAt = Workflow.currentTimeMillis();
      checking = true;
      checkStartedAtMillis = startedAt;
      check(detector, startedAt);
      checking = false;
      checks++;
      nextCheckAtMillis = startedAt + interval.toMillis();
    }
  }

  private void check(Detector detector, long startedAt) {
    HostSnapshot snapshot;
    try {
      snapshot = probe().collect(host);
    } catch (ActivityFailure e) {
      // Not a finding: the probe reports unreachable hosts itself, so this is rack's own failure
      // (e.g. the host was removed from the config). Shown in the UI; the next check tries again.
      lastProblem = "probe failed at " + Instant.ofEpochMilli(startedAt) + ": " + rootMessage(e);
      log.warn("check of {} failed: {}", host, lastProblem);
      return;
    }
    lastProblem = null;
    Evaluation evaluation = detector.evaluate(snapshot, baselines);
    baselines = evaluation.baselines();
    countCheck(evaluation);
    long now = Workflow.currentTimeMillis();
    List<Finding> silenced = evaluation.findings().stream()
        .filter(f -> silences.stream().anyMatch(w -> w.covers(f.kind(), now))).toList();
    List<Finding> active = evaluation.findings().stream().filter(f -> !silenced.contains(f)).toList();
    List<String> touched = new ArrayList<>();
    for (LoopTriggers.Trigger problem : linkServices ? LoopTriggers.of(active, hostCpuJoinsIntruder) : LoopTriggers.byExactName(active)) {
      String loopId = startOrFeed(problem);
      if (loopId != null) touched.add(loopId);
    }
    Instant at = snapshot.takenAt() != null ? snapshot.takenAt() : Instant.ofEpochMilli(startedAt);
    lastCheck = new CheckSummary(host, at, evaluation.healthScore(), evaluation.findings(), touched, silenced);
  }

  /** @return the loop reached, or null when the launcher failed (retried at the next check). */
  private String startOrFeed(LoopTriggers.Trigger problem) {
    Finding finding = problem.main();
    LoopLauncher launcher = Workflow.newActivityStub(LoopLauncher.class,
        ActivityOptions.newBuilder(LAUNCHER_OPTIONS).setSummary("loop " + finding.fingerprint() + ": " + finding.summary()).build());
    LoopLauncher.Launch launch;
    try {
      launch = launcher.startOrFeed(new LoopLauncher.Request(finding, problem.related(), openLoopOf(problem)));
    } catch (ActivityFailure e) {
      log.warn("could not start or feed loop {}: {}", finding.fingerprint(), rootMessage(e));
      return null;
    }
    for (String name : problem.names()) {
      loopByProblem.remove(name);
      loopByProblem.put(name, launch.loopId());
    }
    while (loopByProblem.size() > MAX_REMEMBERED_NAMES) loopByProblem.remove(loopByProblem.keySet().iterator().next());
    return launch.loopId();
  }

  /**
   * The loop an earlier check sent this problem to, found by any of its names: a container that
   * went down after its service did feeds the service's loop, and the other way round. The launcher
   * checks that the loop still runs; a closed one means a new loop.
   */
  private String openLoopOf(LoopTriggers.Trigger problem) {
    String newest = null;
    for (Map.Entry<String, String> remembered : loopByProblem.entrySet()) {
      if (problem.names().contains(remembered.getKey())) newest = remembered.getValue();
    }
    return newest;
  }

  /** rack_checks and rack_findings, through the replay-safe workflow metrics scope. */
  private void countCheck(Evaluation evaluation) {
    Workflow.getMetricsScope().tagged(Map.of(MetricNames.HOST, host)).counter(MetricNames.CHECKS).inc(1);
    for (Finding f : evaluation.findings()) {
      Workflow.getMetricsScope().tagged(Map.of(MetricNames.HOST, host, MetricNames.KIND, f.kind().slug()))
          .counter(MetricNames.FINDINGS).inc(1);
    }
  }

  private HostProbe probe() {
    return Workflow.newActivityStub(HostProbe.class,
        ActivityOptions.newBuilder(PROBE_OPTIONS).setSummary("check " + host).build());
  }

  /** Returns when a check is due (its time has come and the monitor is not paused) or was asked for. */
  private void awaitNextCheck() {
    while (!checkRequested) {
      describe();
      long now = Workflow.currentTimeMillis();
      if (pausedUntilMillis > now) {
        if (pausedUntilMillis == PAUSED_INDEFINITELY) {
          int seen = pauseChanges;
          Workflow.await(() -> checkRequested || pauseChanges != seen);
        } else {
          sleepUntil(pausedUntilMillis, "paused until " + Instant.ofEpochMilli(pausedUntilMillis));
        }
        continue;
      }
      if (now >= nextCheckAtMillis) return;
      sleepUntil(nextCheckAtMillis, "next check of " + host);
    }
  }

  /**
   * A timer with a summary for the UI, cut short by checkNow, pause or resume. The timer is
   * cancelled when a signal ends the wait, so no stale timer fires later.
   */
  private void sleepUntil(long targetMillis, String summary) {
    long millis = targetMillis - Workflow.currentTimeMillis();
    if (millis <= 0) return;
    int seen = pauseChanges;
    List<Promise<Void>> timer = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(
        () -> timer.add(Workflow.newTimer(Duration.ofMillis(millis), TimerOptions.newBuilder().setSummary(summary).build())));
    scope.run();
    Workflow.await(() -> timer.get(0).isCompleted() || checkRequested || pauseChanges != seen);
    if (!timer.get(0).isCompleted()) {
      scope.cancel();
      // The cancelled timer fails with CanceledFailure, as intended: reading the failure tells the
      // SDK so (unread, it logs "Promise completed with exception and was never accessed" and a
      // stack trace at every check-now, and again for every cached monitor when the worker stops).
      timer.get(0).exceptionally(cancelled -> null);
    }
  }

  private boolean paused() {
    return pausedUntilMillis > Workflow.currentTimeMillis();
  }

  /** RackHost lets the UI filter one host's workflows; set once per run unless the starter already did. */
  private void tagWithHost() {
    if (!host.equals(Workflow.getTypedSearchAttributes().get(RackSearchAttributes.HOST))) {
      Workflow.upsertTypedSearchAttributes(RackSearchAttributes.HOST.valueSet(host));
    }
  }

  /** The markdown shown in the UI's "current details"; re-set on every run (it does not survive continue-as-new). */
  private void describe() {
    StringBuilder md = new StringBuilder("### Monitor ").append(host).append("\n\n");
    if (lastCheck == null) {
      md.append("No check yet in this run.\n");
    } else {
      md.append("**Last check** ").append(lastCheck.at()).append(": health **").append(lastCheck.healthScore()).append("/10**");
      if (lastCheck.findings().isEmpty()) {
        md.append(", all healthy.\n");
      } else {
        md.append(", ").append(lastCheck.findings().size()).append(" finding(s):\n\n");
        for (Finding f : lastCheck.findings()) {
          md.append("- ").append(f.severity().label()).append(": ").append(f.summary())
              .append(" → `").append(f.fingerprint()).append("`\n");
        }
      }
    }
    if (lastProblem != null) md.append("\n**Problem:** ").append(lastProblem).append('\n');
    if (lastAlert != null) {
      md.append("\n**Alerts** received in this run: ").append(alertsReceived).append("; last: ").append(lastAlert.describe()).append('\n');
    }
    md.append('\n');
    if (pausedUntilMillis == PAUSED_INDEFINITELY) {
      md.append("**Paused** until resumed.\n");
    } else if (paused()) {
      md.append("**Paused** until ").append(Instant.ofEpochMilli(pausedUntilMillis)).append(".\n");
    } else {
      md.append("Next check: ").append(Instant.ofEpochMilli(nextCheckAtMillis)).append(" (every ").append(interval).append(").\n");
    }
    Workflow.setCurrentDetails(md.toString());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage();
  }

  @Override
  public void checkNow() {
    checkRequested = true;
  }

  /**
   * Coalesced: an alert while a check is already asked for, or while one that started moments ago
   * runs, adds nothing; so a storm of alerts is one check (at most two when it outlasts a check).
   */
  @Override
  public void alert(AlertNotice notice) {
    alertsReceived++;
    lastAlert = notice;
    if (paused() || checkRequested) return;
    if (checking && Workflow.currentTimeMillis() - checkStartedAtMillis < ALERT_JOINS_RUNNING_CHECK.toMillis()) return;
    checkRequested = true;
  }

  @Override
  public void pause(long minutes) {
    pausedUntilMillis = minutes > 0 ? Workflow.currentTimeMillis() + Duration.ofMinutes(minutes).toMillis() : PAUSED_INDEFINITELY;
    pauseChanges++;
  }

  @Override
  public void resume() {
    pausedUntilMillis = 0;
    pauseChanges++;
  }

  @Override
  public void accept(List<AcceptedEntry> entries) {
    baselines = Acceptance.accept(baselines, entries == null ? List.of() : entries);
    log.info("{} accepts {} entr(ies) a person dismissed", host, entries == null ? 0 : entries.size());
  }

  @Override
  public void forget(String loopId) {
    if (loopId == null || loopId.isBlank()) return;
    baselines = Acceptance.forget(baselines, loopId.strip());
  }

  @Override
  public CheckSummary lastCheck() {
    return lastCheck;
  }

  @Override
  public Baselines baselines() {
    return baselines;
  }

  @Override
  public List<String> loops() {
    return List.copyOf(new java.util.LinkedHashSet<>(loopByProblem.values()));
  }
}
