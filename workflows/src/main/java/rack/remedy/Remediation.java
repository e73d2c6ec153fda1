package rack.remedy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Emergency remediation over SSH (DESIGN A3.3). Each call carries an idempotency key (workflow id +
 * step) so a retried activity does not act twice. Values from the host are validated and quoted
 * before they reach a shell. Policy (allowed actions, protected containers, dry-run) is checked in
 * the implementation against the worker's config as well as by the loop.
 */
@ActivityInterface
public interface Remediation {
  @ActivityMethod(name = "RestartContainer")
  ActionRecord restartContainer(String host, String container, String idempotencyKey);

  /** Prune stopped containers and dangling images, truncate oversized container logs. */
  @ActivityMethod(name = "ClearDisk")
  ActionRecord clearDisk(String host, String mountPoint, String idempotencyKey);

  /** Kill a runaway process after re-checking that {@code pid} still runs {@code expectedCommand}. */
  @ActivityMethod(name = "KillProcess")
  ActionRecord killProcess(String host, int pid, String expectedCommand, String idempotencyKey);

  /** One of the above, approved by a person: runs past protected containers, dry-run and the budget. */
  @ActivityMethod(name = "RunApprovedAction")
  ActionRecord runApproved(String host, ApprovedAction action, String idempotencyKey);
}
