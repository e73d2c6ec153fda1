package rack.config;

import java.util.List;

/**
 * What rack may do on a host by itself.
 *
 * @param allowedActions action names rack may take: restart-container, clear-disk, kill-process,
 *     contain-anomaly
 * @param protectedContainers containers never restarted or touched
 * @param protectedProcesses process names never stopped (on top of the built-in list: init, sshd,
 *     dockerd, containerd, kernel threads)
 * @param dryRun plan and record actions but do not run them
 * @param budgetPerHour at most this many actions per host per hour; over budget rack stops acting
 *     and escalates
 * @param killOnWeakEvidence contain a suspicious process even when only its name is suspicious
 */
public record RemediationPolicy(
    List<String> allowedActions,
    List<String> protectedContainers,
    List<String> protectedProcesses,
    boolean dryRun,
    int budgetPerHour,
    boolean killOnWeakEvidence) {

  public static final List<String> ALL_ACTIONS =
      List.of("restart-container", "clear-disk", "kill-process", "contain-anomaly");

  public RemediationPolicy {
    allowedActions = allowedActions == null ? ALL_ACTIONS : List.copyOf(allowedActions);
    protectedContainers = protectedContainers == null ? List.of() : List.copyOf(protectedContainers);
    protectedProcesses = protectedProcesses == null ? List.of() : List.copyOf(protectedProcesses);
    budgetPerHour = budgetPerHour <= 0 ? 5 : budgetPerHour;
  }

  public static RemediationPolicy defaults() {
    return new RemediationPolicy(null, null, null, false, 5, false);
  }

  /**
   * What a loop may do once a person approved its planned actions: weak evidence, the policy's
   * protected containers and processes, dry-run and the hourly budget no longer hold it back. What
   * no approval lifts stays: the allowed actions, and the built-in protected processes (init, kernel
   * threads, sshd, dockerd, containerd).
   */
  public RemediationPolicy approvedByPerson() {
    return new RemediationPolicy(allowedActions, List.of(), List.of(), false, Integer.MAX_VALUE, true);
  }

  public boolean allows(String action) {
    return allowedActions.contains(action);
  }
}
