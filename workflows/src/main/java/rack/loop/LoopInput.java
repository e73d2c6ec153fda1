package rack.loop;

import rack.config.LoopSettings;
import rack.config.People;
import rack.config.RemediationPolicy;
import rack.config.Thresholds;
import java.util.List;
import rack.model.Finding;

/**
 * Everything a loop needs to run, fixed at its start (no secrets: names and settings only).
 *
 * @param related other findings of the same check about the same problem (a stopped container's
 *     status-page entry; a miner's cron line, unit and SSH key), handled by this one loop
 */
public record LoopInput(
    Finding finding,
    LoopSettings settings,
    RemediationPolicy policy,
    Thresholds thresholds,
    People people,
    List<Finding> related) {

  public LoopInput {
    related = related == null ? List.of() : List.copyOf(related);
  }

  public LoopInput(Finding finding, LoopSettings settings, RemediationPolicy policy, Thresholds thresholds, People people) {
    this(finding, settings, policy, thresholds, people, List.of());
  }
}
