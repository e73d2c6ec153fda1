package rack.loop;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import rack.model.Finding;

/**
 * Starts the loop for a problem, or feeds the open one: a repeated detection never starts a second
 * loop or sends a second CEO message.
 */
@ActivityInterface
public interface LoopLauncher {

  /**
   * @param finding the problem's main finding: a new loop's id is its fingerprint
   * @param related other findings of the same check about the same problem
   * @param openLoopId the loop the monitor last sent this problem to, or null: fed while it runs,
   *     so a problem whose main finding changes between checks keeps its one loop
   */
  record Request(Finding finding, List<Finding> related, String openLoopId) {
    public Request {
      related = related == null ? List.of() : List.copyOf(related);
    }
  }

  /** The loop reached, and whether it was started by this call. */
  record Launch(String loopId, boolean started) {}

  /** Signal-with-start on the fingerprint as the workflow id, or a signal to {@code openLoopId}. */
  @ActivityMethod(name = "StartOrFeedLoop")
  Launch startOrFeed(Request request);
}
