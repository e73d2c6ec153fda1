package rack.loop;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import rack.model.Finding;

/**
 * Starts the loop for a finding, or feeds the open one (signal-with-start on the fingerprint as the
 * workflow id): a repeated detection never starts a second loop or sends a second CEO message.
 */
@ActivityInterface
public interface LoopLauncher {
  /** @return true when a new loop started, false when an open loop was fed */
  @ActivityMethod(name = "StartOrFeedLoop")
  boolean startOrFeed(Finding finding);
}
