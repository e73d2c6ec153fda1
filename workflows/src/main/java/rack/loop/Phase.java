package rack.loop;

/** Where a loop is; shown in the UI (RackPhase search attribute) and by {@code ./rack loops}. */
public enum Phase {
  DETECTED,
  CONTAINING,
  REMEDIATING,
  DIAGNOSING,
  AWAITING_PR,
  AWAITING_MERGE,
  SETTLING,
  VERIFYING,
  RESOLVED,
  ESCALATED
}
