package rack.probe;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Duration;
import rack.model.HostSnapshot;

/**
 * Collects a complete snapshot of one host in one call: SSH (or the local transport) plus the status
 * page and dashboard over HTTP. Only the host's name crosses into workflow history; connection
 * details and key files stay in the worker's configuration.
 */
@ActivityInterface
public interface HostProbe {

  /**
   * The heartbeat timeout of every activity that works on a host (this check, diagnostics,
   * remediation, containment). They block in SSH and cannot heartbeat themselves; the worker does
   * it for them while they run (rack.worker.temporal.HeartbeatWhileRunning), so work in flight on a
   * worker that died is retried after this, not after its minutes-long start-to-close timeout.
   */
  Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);

  /**
   * Never throws for a host that is down, refuses our key or prints garbage: those are facts in
   * the snapshot. Throws for a host name that is not configured (non-retryable), and for a check
   * whose connection opened but broke off twice (retryable: rack could not look, the host is not
   * known to be down).
   */
  @ActivityMethod(name = "CollectSnapshot")
  HostSnapshot collect(String host);
}
