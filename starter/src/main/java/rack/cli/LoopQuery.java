package rack.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import rack.loop.AnomalyFollowUpWorkflow;
import rack.loop.IncidentLoopWorkflow;
import rack.loop.LoopStatus;
import rack.loop.Phase;
import rack.loop.RackSearchAttributes;

/**
 * Which open loops {@code ./rack loops} lists: as a visibility query for a real server (the same
 * text works in the Web UI's search box), and as a filter over loop statuses for the test server,
 * which has no visibility queries.
 */
record LoopQuery(String host, Phase phase) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** @throws UserError for a host name that is no host name or a phase that is no phase */
  static LoopQuery of(String host, String phase) {
    if (host != null && !NAME.matcher(host).matches()) throw new UserError("--host " + host + ": not a host name");
    Phase p = null;
    if (phase != null) {
      try {
        p = Phase.valueOf(phase.trim().toUpperCase());
      } catch (IllegalArgumentException e) {
        throw new UserError("--phase " + phase + ": not a phase (one of " + Arrays.toString(Phase.values()) + ")");
      }
    }
    return new LoopQuery(host, p);
  }

  /** Validated above, so the values cannot break out of their quotes. */
  String visibilityQuery() {
    List<String> terms = new ArrayList<>();
    terms.add("WorkflowType IN ('" + IncidentLoopWorkflow.TYPE + "', '" + AnomalyFollowUpWorkflow.TYPE + "')");
    terms.add("ExecutionStatus = 'Running'");
    if (host != null) terms.add(RackSearchAttributes.HOST.getName() + " = '" + host + "'");
    if (phase != null) terms.add(RackSearchAttributes.PHASE.getName() + " = '" + phase.name() + "'");
    return String.join(" AND ", terms);
  }

  boolean matches(LoopStatus s) {
    return (host == null || host.equals(s.host())) && (phase == null || phase == s.phase());
  }
}
