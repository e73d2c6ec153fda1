package rack.remedy;

/**
 * An emergency action a person approved after the loop held it back (a protected container, the
 * hourly budget used up, dry-run). The worker runs it past those fences, never past the allowed
 * actions, the validation of host values or the built-in protected processes.
 *
 * @param action restart-container | clear-disk | kill-process
 * @param target container name or mount point (kill-process: the command name)
 * @param pid kill-process only, else 0
 * @param expectedCommand kill-process only: the command line the PID must still run
 * @param approvedBy who approved, for the action record
 */
public record ApprovedAction(String action, String target, int pid, String expectedCommand, String approvedBy) {}
