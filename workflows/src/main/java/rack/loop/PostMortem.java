package rack.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import rack.diagnose.ActionMarkdown;
import rack.diagnose.AnomalyReport;
import rack.diagnose.IncidentReport;
import rack.model.LoopKind;

/**
 * The post-mortem that closes every loop (DESIGN A7): timeline, root cause, actions, prevention,
 * MTTD and MTTR. Rendered from the status query alone, so {@code ./rack loop report} prints the same
 * text the developer received.
 *
 * <p>MTTD: a loop starts when the monitor detects the problem, and the problem's own start is not
 * observed; so MTTD is bounded by the host's check interval and reported as such. MTTR runs from
 * detection to resolution (or to escalation, which is labelled).
 */
public final class PostMortem {
  private PostMortem() {}

  public static String render(LoopStatus s) {
    StringBuilder md = new StringBuilder();
    md.append("# Post-mortem: ").append(s.loopId()).append("\n\n");
    md.append("- **Loop:** ").append(s.kind() == null ? "" : s.kind().title()).append(" on `").append(s.host()).append("`\n");
    md.append("- **Finding:** ").append(s.finding() == null ? "" : s.finding().summary()).append('\n');
    md.append("- **Severity:** ").append(s.severity() == null ? "" : s.severity().label() + " (" + s.severity().priority() + ")").append('\n');
    md.append("- **Outcome:** ").append(s.outcome() == null ? "open (" + s.phase() + ")"
        : s.outcome().finalPhase() + ": " + s.outcome().summary()).append('\n');
    md.append("- **Pull request:** ").append(s.pullRequest() == null ? "none"
        : "#" + s.pullRequest().number() + " " + nullToEmpty(s.pullRequest().url()) + (s.merged() ? " (merged)" : "")).append('\n');
    md.append("- **Restarts:** ").append(s.restarts()).append('\n');
    md.append("- **MTTD:** at most one check interval (detected at ").append(s.startedAt()).append(")\n");
    md.append("- **MTTR:** ").append(mttr(s)).append("\n\n");

    if (!s.decisions().isEmpty()) {
      md.append("## Decisions\n\n");
      s.decisions().forEach(d -> md.append("- ").append(d.describe()).append('\n'));
      md.append('\n');
    }
    md.append("## Root cause\n\n").append(s.rootCause() == null ? "not determined" : s.rootCause()).append("\n\n");
    md.append("## Actions\n\n").append(ActionMarkdown.list(s.actions(), "none")).append('\n');
    md.append("## Prevention\n\n").append(prevention(s).orElse("See the diagnostic report.")).append("\n\n");
    md.append("## Timeline\n\n| time (UTC) | event | detail |\n|---|---|---|\n");
    s.timeline().forEach(e -> md.append("| ").append(e.at()).append(" | ").append(e.event()).append(" | ")
        .append(cell(e.detail())).append(" |\n"));
    return md.toString();
  }

  private static String mttr(LoopStatus s) {
    if (s.outcome() == null || s.startedAt() == null) return "not resolved yet";
    String endEvent = s.outcome().finalPhase().name().toLowerCase();
    Optional<Instant> end = s.timeline().stream().filter(e -> e.event().equals(endEvent)).map(TimelineEntry::at).reduce((a, b) -> b);
    if (end.isEmpty()) return "unknown";
    String took = human(Duration.between(s.startedAt(), end.get()));
    return s.outcome().finalPhase() == Phase.RESOLVED ? took : "not resolved: escalated after " + took;
  }

  /** The "permanent fix" (incident) or "setup scripts" (anomaly) section of the report. */
  private static Optional<String> prevention(LoopStatus s) {
    if (s.report() == null) return Optional.empty();
    String heading = s.kind() == LoopKind.ANOMALY ? AnomalyReport.PERMANENT_FIX : IncidentReport.PERMANENT_FIX;
    int at = s.report().indexOf(heading);
    if (at < 0) return Optional.empty();
    String rest = s.report().substring(at + heading.length());
    int next = rest.indexOf("\n## ");
    return Optional.of((next < 0 ? rest : rest.substring(0, next)).strip());
  }

  /** "40m", "1h 5m", "24h", "45s": durations as people write them. */
  static String human(Duration d) {
    long seconds = Math.max(0, d.getSeconds());
    if (seconds == 0) return "0s";
    StringBuilder out = new StringBuilder();
    long[] amounts = {seconds / 86400, seconds % 86400 / 3600, seconds % 3600 / 60, seconds % 60};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < amounts.length; i++) {
      if (amounts[i] > 0) out.append(out.length() == 0 ? "" : " ").append(amounts[i]).append(units[i]);
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
