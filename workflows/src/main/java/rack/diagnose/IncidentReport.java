package rack.diagnose;

import java.util.List;
import java.util.Map;
import rack.model.Finding;
import rack.remedy.ActionRecord;

/**
 * The diagnostic report the developer receives (DESIGN A3.5): the seven fields in the protocol's
 * order, then how to link the fix's PR to the loop. Markdown; bounded so it fits a chat message and
 * workflow history.
 */
public final class IncidentReport {
  /** Section headings other renderers (the post-mortem) look up. */
  public static final String ROOT_CAUSE = "## Root cause";
  public static final String PERMANENT_FIX = "## Recommended permanent fix";

  private static final int OUTPUT_LINES = 25;
  private static final int OUTPUTS_QUOTED = 6;
  /** {@code docker logs} and {@code docker inspect} of the affected containers, quoted first. */
  private static final int CONTAINER_OUTPUTS_QUOTED = 4;

  private IncidentReport() {}

  public static String render(String loopId, Finding finding, Diagnosis diagnosis, List<ActionRecord> actions,
      DiagnosticBundle bundle, String heading) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(heading).append(": ").append(loopId).append("\n\n");
    md.append("**Summary:** ").append(oneLine(finding.summary())).append('\n');
    md.append("**Severity:** ").append(finding.severity().label()).append(" (").append(finding.severity().priority())
        .append(")\n");
    md.append("**Affected services:** ").append(String.join(", ", diagnosis.affectedServices())).append("\n");
    md.append("**Host:** ").append(finding.host()).append("\n");
    String link = linkedContainers(finding);
    if (link != null) md.append("**Linked containers:** ").append(link).append('\n');
    md.append('\n');
    md.append(ROOT_CAUSE).append("\n\n").append(diagnosis.rootCause()).append("\n\n");
    md.append("## Evidence\n\n");
    diagnosis.evidence().forEach(e -> md.append("- ").append(e).append('\n'));
    // What diagnostics could not gather (e.g. Docker not available on the host), said once here
    // rather than as error output in every section it affected.
    if (bundle != null) bundle.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    appendOutputs(md, bundle, diagnosis.affectedServices());
    md.append("\n## Immediate action taken\n\n");
    md.append(ActionMarkdown.list(actions, "none: nothing was down that rack may restart, or policy forbade it"));
    md.append('\n').append(PERMANENT_FIX).append("\n\n").append(diagnosis.recommendedFix()).append("\n\n");
    md.append(linking(loopId));
    return md.toString();
  }

  /**
   * For a status-page finding: which containers serve the service and which rule linked them, or
   * that none could be linked, which were checked and why (then rack restarted nothing).
   */
  static String linkedContainers(Finding finding) {
    if (finding.fact("service") == null || finding.fact("link") == null) return null;
    String containers = finding.fact("containers") != null ? finding.fact("containers") : finding.fact("container");
    if (containers == null || finding.fact("linkedBy") == null) {
      return "none, so nothing was restarted: " + finding.fact("link");
    }
    return containers.replace(",", ", ") + " (linked by " + finding.fact("linkedBy") + ": " + finding.fact("link") + ")";
  }

  /** How the developer links the fix: rack watches PRs for these markers (or takes the CLI command). */
  public static String linking(String loopId) {
    return "## Linking your PR to this loop\n\n" + linkingSentence(loopId) + "\n";
  }

  public static String linkingSentence(String loopId) {
    return "Name the branch `rack/" + loopId + "` or put `Rack-Loop: " + loopId + "` in the PR body, "
        + "or run `./rack pr opened " + loopId + " --number N --url URL`.";
  }

  /**
   * The affected containers' own logs and inspect first (the evidence a developer reads first), then
   * the host-wide outputs in the order diagnostics gathered them.
   */
  private static void appendOutputs(StringBuilder md, DiagnosticBundle bundle, List<String> affected) {
    if (bundle == null || bundle.outputs() == null) return;
    List<Map.Entry<String, String>> all = List.copyOf(bundle.outputs().entrySet());
    List<Map.Entry<String, String>> ofAffected = all.stream()
        .filter(e -> e.getKey().startsWith("docker logs") || e.getKey().startsWith("docker inspect"))
        .filter(e -> affected.stream().anyMatch(name -> e.getKey().endsWith("'" + name + "'")))
        .limit(CONTAINER_OUTPUTS_QUOTED).toList();
    ofAffected.forEach(e -> appendOutput(md, e, e.getKey().startsWith("docker logs")));
    all.stream().filter(e -> !ofAffected.contains(e)).filter(e -> !e.getKey().startsWith("docker logs")
        && !e.getKey().startsWith("docker inspect")).limit(OUTPUTS_QUOTED).forEach(e -> appendOutput(md, e, false));
  }

  /** At most {@link #OUTPUT_LINES} lines: the last ones of a log (where the exit is), else the first. */
  private static void appendOutput(StringBuilder md, Map.Entry<String, String> output, boolean tail) {
    md.append("\n`").append(output.getKey()).append("`\n```\n");
    List<String> lines = output.getValue() == null ? List.of() : output.getValue().lines().toList();
    int skipped = Math.max(0, lines.size() - OUTPUT_LINES);
    if (tail && skipped > 0) md.append("... (").append(skipped).append(" earlier lines)\n");
    lines.subList(tail ? skipped : 0, tail ? lines.size() : Math.min(lines.size(), OUTPUT_LINES))
        .forEach(l -> md.append(l).append('\n'));
    if (!tail && skipped > 0) md.append("... (").append(skipped).append(" more lines)\n");
    md.append("```\n");
  }

  static String oneLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("").strip();
  }
}
