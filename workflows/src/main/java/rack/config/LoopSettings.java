package rack.config;

import java.time.Duration;

/**
 * Timing of the loops' waits (DESIGN A3.8, B2).
 *
 * @param settle wait after a merge before verifying (deploy settles)
 * @param stabilization the finding must stay gone this long to resolve
 * @param verifyEvery spacing of checks during stabilization
 * @param prReminderAfter remind the developer when no PR has opened after this long
 * @param prEscalateAfter escalate to the CEO when still no PR after this long
 * @param restartCap recurrences allowed before escalation
 * @param decisionReminderAfter remind the CEO once when a loop has waited this long for a decision
 *     (approve or dismiss) that it asked for
 */
public record LoopSettings(
    Duration settle,
    Duration stabilization,
    Duration verifyEvery,
    Duration prReminderAfter,
    Duration prEscalateAfter,
    int restartCap,
    Duration decisionReminderAfter) {

  public LoopSettings {
    settle = settle == null ? Duration.ofMinutes(10) : settle;
    stabilization = stabilization == null ? Duration.ofMinutes(30) : stabilization;
    verifyEvery = verifyEvery == null ? defaultVerifyEvery(stabilization) : verifyEvery;
    prReminderAfter = prReminderAfter == null ? Duration.ofHours(4) : prReminderAfter;
    prEscalateAfter = prEscalateAfter == null ? Duration.ofHours(24) : prEscalateAfter;
    restartCap = restartCap <= 0 ? 3 : restartCap;
    decisionReminderAfter = decisionReminderAfter == null ? Duration.ofHours(4) : decisionReminderAfter;
  }

  public LoopSettings(Duration settle, Duration stabilization, Duration verifyEvery, Duration prReminderAfter,
      Duration prEscalateAfter, int restartCap) {
    this(settle, stabilization, verifyEvery, prReminderAfter, prEscalateAfter, restartCap, null);
  }

  public static LoopSettings defaults() {
    return new LoopSettings(null, null, null, null, null, 0, null);
  }

  /** Several consecutive checks within the window: a sixth of it, at least a second. */
  private static Duration defaultVerifyEvery(Duration stabilization) {
    Duration sixth = stabilization.dividedBy(6);
    return sixth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : sixth;
  }
}
