package rack.loop;

/** Where a loop is; shown in the UI (RackPhase search attribute) and by {@code ./rack loops}. */
public enum Phase {
  DETECTED,
  /** rack would not act alone (weak evidence, protected, over budget, dry-run): a person decides. */
  AWAITING_DECISION,
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
