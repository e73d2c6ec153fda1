package rack.loop;

import rack.config.LoopSettings;
import rack.config.People;
import rack.config.RemediationPolicy;
import rack.config.Thresholds;
import rack.model.Finding;

/** Everything a loop needs to run, fixed at its start (no secrets: names and settings only). */
public record LoopInput(
    Finding finding,
    LoopSettings settings,
    RemediationPolicy policy,
    Thresholds thresholds,
    People people) {}
