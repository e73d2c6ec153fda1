package rack.remedy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import rack.config.RackConfig;
import rack.config.RemediationPolicy;
import rack.hostaction.ActionRecords;
import rack.hostaction.HostShells;
import rack.hostaction.ProcessGuard;
import rack.hostaction.ProcessSignaller;
import rack.hostaction.RecentResults;
import rack.shell.CommandResult;
import rack.shell.Shell;
import rack.shell.ShellException;
import rack.shell.ShellFactory;
import rack.shell.ShellQuote;

/**
 * Emergency remediation on a host (DESIGN A3.3): restart a container, clear disk, kill a runaway.
 *
 * <p>Fences, in order: the worker's policy (allowed actions, protected containers and processes),
 * validation of every host-supplied value, dry-run, then this worker's per-host budget. An action a
 * person approved ({@link #runApproved}) passes the protected lists, dry-run and the budget, never
 * the allowed actions, the validation or the built-in protected processes. A refused
 * action is returned as a record with outcome {@code refused}, not thrown: it is a decision, and the
 * loop reports it. Transport failures are thrown (see {@link HostShells}) so Temporal retries them.
 *
 * <p>Idempotency: results are remembered per idempotency key in worker memory
 * ({@link RecentResults}), and every action is harmless to repeat on the host anyway.
 */
public final class RemediationImpl implements Remediation {
  public static final String RESTART_CONTAINER = "restart-container";
  public static final String CLEAR_DISK = "clear-disk";
  public static final String KILL_PROCESS = "kill-process";

  /** Container logs above this are truncated by clear-disk. */
  public static final long DEFAULT_LOG_TRUNCATE_ABOVE_BYTES = 100L * 1024 * 1024;
  /** A runaway gets this long after SIGTERM before SIGKILL. */
  static final int TERM_GRACE_SECONDS = 5;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration PRUNE_TIMEOUT = Duration.ofMinutes(5);

  private final HostShells shells;
  private final RemediationPolicy policy;
  private final Clock clock;
  private final long logTruncateAboveBytes;
  private final HostActionBudget budget;
  private final ProcessGuard processGuard;
  private final RecentResults<ActionRecord> recent = new RecentResults<>(2_000);

  public RemediationImpl(ShellFactory shellFactory, RackConfig config) {
    this(shellFactory, config, Clock.systemUTC(), DEFAULT_LOG_TRUNCATE_ABOVE_BYTES);
  }

  public RemediationImpl(ShellFactory shellFactory, RackConfig config, Clock clock, long logTruncateAboveBytes) {
    this.shells = new HostShells(shellFactory, config);
    this.policy = config.remediation();
    this.clock = clock;
    this.logTruncateAboveBytes = logTruncateAboveBytes;
    this.budget = new HostActionBudget(policy.budgetPerHour(), clock);
    this.processGuard = new ProcessGuard(policy.protectedProcesses());
  }

  @Override
  public ActionRecord restartContainer(String host, String container, String idempotencyKey) {
    return restart(host, container, idempotencyKey, null);
  }

  @Override
  public ActionRecord runApproved(String host, ApprovedAction action, String idempotencyKey) {
    String by = action.approvedBy() == null || action.approvedBy().isBlank() ? "someone" : action.approvedBy();
    return switch (action.action() == null ? "" : action.action()) {
      case RESTART_CONTAINER -> restart(host, action.target(), idempotencyKey, by);
      case CLEAR_DISK -> clear(host, action.target(), idempotencyKey, by);
      case KILL_PROCESS -> kill(host, action.pid(), action.expectedCommand(), idempotencyKey, by);
      default -> new ActionRecords(host, clock).refused(String.valueOf(action.action()), "(none)",
          "unknown action '" + action.action() + "'");
    };
  }

  /** @param approvedBy null for rack acting alone; a person's name when they approved it */
  private ActionRecord restart(String host, String container, String idempotencyKey, String approvedBy) {
    return recent.getOrRun(RESTART_CONTAINER + ":" + idempotencyKey, () -> {
      ActionRecords records = new ActionRecords(host, clock);
      String plan = "docker restart " + container;
      if (!policy.allows(RESTART_CONTAINER)) return records.refused(RESTART_CONTAINER, plan, notAllowed(RESTART_CONTAINER));
      String quoted;
      try {
        quoted = ShellQuote.container(container);
      } catch (IllegalArgumentException e) {
        return records.refused(RESTART_CONTAINER, "docker restart <refused name>", e.getMessage());
      }
      String command = "docker restart " + quoted;
      if (approvedBy == null && policy.protectedContainers().contains(container)) {
        return records.refused(RESTART_CONTAINER, command, "container '" + container + "' is protected by policy");
      }
      shells.host(host);
      if (approvedBy == null && policy.dryRun()) return records.dryRun(RESTART_CONTAINER, command);
      Optional<String> overBudget = takeBudget(host, approvedBy);
      if (overBudget.isPresent()) return records.refused(RESTART_CONTAINER, command, overBudget.get());
      try (Shell shell = shells.open(host)) {
        return records.ran(RESTART_CONTAINER, shell.run(command, RESTART_TIMEOUT));
      } catch (ShellException e) {
        throw HostShells.failure(host, e);
      }
    });
  }

  @Override
  public ActionRecord clearDisk(String host, String mountPoint, String idempotencyKey) {
    return clear(host, mountPoint, idempotencyKey, null);
  }

  private ActionRecord clear(String host, String mountPoint, String idempotencyKey, String approvedBy) {
    return recent.getOrRun(CLEAR_DISK + ":" + idempotencyKey, () -> {
      ActionRecords records = new ActionRecords(host, clock);
      if (!policy.allows(CLEAR_DISK)) return records.refused(CLEAR_DISK, "docker container prune -f; ...", notAllowed(CLEAR_DISK));
      if (mountPoint == null || !mountPoint.startsWith("/") || mountPoint.contains("\n")) {
        return records.refused(CLEAR_DISK, "df -P -B1 <refused mount point>", "refusing mount point that is not an absolute path");
      }
      try (Shell shell = shells.open(host)) {
        String df = "df -P -B1 -- " + ShellQuote.quote(mountPoint);
        OptionalLong usedBefore = usedBytes(shell.run(df, READ_TIMEOUT));
        List<String> logs = DockerLogFiles.managedPaths(stdout(shell.run(DockerLogFiles.LIST_COMMAND, READ_TIMEOUT)));
        String command = cleanupCommand(logs);
        if (approvedBy == null && policy.dryRun()) return records.dryRun(CLEAR_DISK, command);
        Optional<String> overBudget = takeBudget(host, approvedBy);
        if (overBudget.isPresent()) return records.refused(CLEAR_DISK, command, overBudget.get());
        CommandResult result = shell.run(command, PRUNE_TIMEOUT);
        OptionalLong usedAfter = usedBytes(shell.run(df, READ_TIMEOUT));
        return records.ran(CLEAR_DISK, result, freedSummary(mountPoint, usedBefore, usedAfter));
      } catch (ShellException e) {
        throw HostShells.failure(host, e);
      }
    });
  }

  @Override
  public ActionRecord killProcess(String host, int pid, String expectedCommand, String idempotencyKey) {
    return kill(host, pid, expectedCommand, idempotencyKey, null);
  }

  private ActionRecord kill(String host, int pid, String expectedCommand, String idempotencyKey, String approvedBy) {
    return recent.getOrRun(KILL_PROCESS + ":" + idempotencyKey, () -> {
      ActionRecords records = new ActionRecords(host, clock);
      if (!policy.allows(KILL_PROCESS)) return records.refused(KILL_PROCESS, "kill -TERM " + pid, notAllowed(KILL_PROCESS));
      // Approved: the policy's own protected names no longer hold, the built-in ones (sshd, init...) always do.
      ProcessGuard guard = approvedBy == null ? processGuard : new ProcessGuard(List.of());
      ProcessSignaller signaller = new ProcessSignaller(guard, shells.host(host).local());
      try (Shell shell = shells.open(host)) {
        return signaller.signal(shell, records, KILL_PROCESS, pid, expectedCommand, "TERM", TERM_GRACE_SECONDS,
            approvedBy == null && policy.dryRun(), () -> takeBudget(host, approvedBy));
      } catch (ShellException e) {
        throw HostShells.failure(host, e);
      }
    });
  }

  /** An approved action takes from the host's hour when there is room, and is never refused for it: a person said so. */
  private Optional<String> takeBudget(String host, String approvedBy) {
    Optional<String> over = budget.tryTake(host);
    return approvedBy == null ? over : Optional.empty();
  }

  /** Prune stopped containers and dangling images; empty docker's own logs above the size limit. */
  String cleanupCommand(List<String> managedLogs) {
    StringBuilder command = new StringBuilder("docker container prune -f; r1=$?; docker image prune -f; r2=$?");
    if (managedLogs.isEmpty()) return command.append("; exit $((r1|r2))").toString();
    command.append("; find");
    managedLogs.forEach(path -> command.append(' ').append(ShellQuote.quote(path)));
    command.append(" -maxdepth 0 -type f -size +").append(logTruncateAboveBytes)
        .append("c -print -exec truncate -s 0 {} +; r3=$?; exit $((r1|r2|r3))");
    return command.toString();
  }

  /** Used bytes from the last line of {@code df -P -B1}: filesystem, size, used, available, ... */
  static OptionalLong usedBytes(CommandResult df) {
    if (!df.ok()) return OptionalLong.empty();
    List<String> lines = df.stdout().strip().lines().toList();
    if (lines.size() < 2) return OptionalLong.empty();
    String[] columns = lines.get(lines.size() - 1).trim().split("\\s+");
    try {
      return columns.length >= 4 ? OptionalLong.of(Long.parseLong(columns[2])) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  static String freedSummary(String mountPoint, OptionalLong before, OptionalLong after) {
    if (before.isEmpty() || after.isEmpty()) return "bytes freed on " + mountPoint + ": unknown (df unreadable)";
    return "freed " + (before.getAsLong() - after.getAsLong()) + " bytes on " + mountPoint
        + " (used " + before.getAsLong() + " -> " + after.getAsLong() + " bytes)";
  }

  private static String stdout(CommandResult result) {
    return result.stdout() == null ? "" : result.stdout();
  }

  private static String notAllowed(String action) {
    return "action '" + action + "' is not in remediation.allowedActions";
  }
}
