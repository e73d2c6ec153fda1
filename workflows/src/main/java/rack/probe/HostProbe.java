package rack.probe;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import rack.model.HostSnapshot;

/**
 * Collects a complete snapshot of one host in one call: SSH (or the local transport) plus the status
 * page and dashboard over HTTP. Only the host's name crosses into workflow history; connection
 * details and key files stay in the worker's configuration.
 */
@ActivityInterface
public interface HostProbe {

  /**
   * Never throws for a host that is down, refuses our key or prints garbage: those are facts in
   * the snapshot. Throws only for a host name that is not configured (non-retryable).
   */
  @ActivityMethod(name = "CollectSnapshot")
  HostSnapshot collect(String host);
}
