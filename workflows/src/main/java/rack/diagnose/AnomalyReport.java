package rack.diagnose;

import java.util.List;
import java.util.Map;
import rack.contain.EvidenceCapture;
import rack.contain.PersistenceItem;
import rack.model.Finding;
import rack.remedy.ActionRecord;

/**
 * The full report on a compromise for the developer (DESIGN A4.3): what went wrong, where, the
 * evidence captured before anything changed, the exact actions taken, and the changes the setup
 * scripts need so this class of issue is prevented or detected early.
 */
public final class AnomalyReport {
  public static final String ROOT_CAUSE = "## What went wrong";
  public static final String PERMANENT_FIX = "## Recommended changes to the infrastructure setup scripts";

  private static final int OUTPUT_LINES = 30;

  private AnomalyReport() {}

  /**
   * @param status one line on what containment achieved ("Contained: ..." or why nothing was done)
   * @param evidence null when no evidence was captured (dry-run, refused)
   */
  public static String render(String loopId, Finding finding, String status, List<PersistenceItem> persistence,
      EvidenceCapture evidence, List<ActionRecord> actions, String heading) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(heading).append(": ").append(loopId).append("\n\n");
    md.append("**Summary:** ").append(IncidentReport.oneLine(finding.summary())).append('\n');
    md.append("**Severity:** ").append(finding.severity().label()).append(" (").append(finding.severity().priority())
        .append(")\n");
    md.append("**Status:** ").append(status).append("\n\n");

    md.append(ROOT_CAUSE).append("\n\n").append(typeOf(finding)).append(": ").append(finding.summary())
        .append("\n\nDetected by rack's anomaly scan (").append(finding.kind().slug()).append(", evidence strength ")
        .append(finding.fact("evidenceStrength") == null ? "not rated" : finding.fact("evidenceStrength"))
        .append(").\n\n");

    md.append("## Where\n\n");
    md.append("- host: ").append(finding.host()).append('\n');
    for (String key : List.of("pid", "ppid", "user", "comm", "exe", "args", "path", "line", "sha256")) {
      if (finding.fact(key) != null) md.append("- ").append(key).append(": `").append(finding.fact(key)).append("`\n");
    }
    for (PersistenceItem p : persistence) {
      md.append("- persistence (").append(p.type()).append("): ").append(p.path()).append(" → `").append(p.match())
          .append("`\n");
    }

    md.append("\n## Evidence\n\n");
    finding.evidence().forEach(e -> md.append("- ").append(e).append('\n'));
    if (evidence != null) {
      if (evidence.evidenceDir() != null) md.append("- evidence kept on the host in `").append(evidence.evidenceDir()).append("`\n");
      if (evidence.sha256ByPath() != null) {
        evidence.sha256ByPath().forEach((path, sha) -> md.append("- sha256 of `").append(path).append("`: `").append(sha).append("`\n"));
      }
      if (evidence.outputs() != null) {
        for (Map.Entry<String, String> output : evidence.outputs().entrySet()) appendOutput(md, output);
      }
    }

    md.append("\n## Immediate action taken\n\n");
    md.append(ActionMarkdown.list(actions, "none"));

    md.append('\n').append(PERMANENT_FIX).append("\n\n");
    HardeningAdvice.forKind(finding.kind()).forEach(a -> md.append("- ").append(a).append('\n'));
    md.append("\nPlease codify these changes in the infrastructure setup scripts (not by hand on the host), so every "
        + "rebuilt host gets them.\n\n");
    md.append(IncidentReport.linking(loopId));
    return md.toString();
  }

  private static String typeOf(Finding f) {
    return switch (f.kind()) {
      case MINER_PROCESS -> "Cryptominer";
      case SUSPICIOUS_PROCESS -> "Suspicious process";
      case UNKNOWN_CPU_PROCESS -> "Unknown process with sustained CPU use";
      case CRON_ADDED -> "Unauthorized cron job";
      case SYSTEMD_UNIT_ADDED -> "Unauthorized systemd unit";
      case AUTHORIZED_KEY_ADDED -> "Unauthorized SSH key";
      case LD_PRELOAD -> "Library preloaded through /etc/ld.so.preload";
      case HOST_KEY_CHANGED -> "SSH host key changed";
      default -> "Infrastructure anomaly";
    };
  }

  private static void appendOutput(StringBuilder md, Map.Entry<String, String> output) {
    md.append("\n`").append(output.getKey()).append("`\n```\n");
    List<String> lines = output.getValue() == null ? List.of() : output.getValue().lines().toList();
    lines.stream().limit(OUTPUT_LINES).forEach(l -> md.append(l).append('\n'));
    if (lines.size() > OUTPUT_LINES) md.append("... (").append(lines.size() - OUTPUT_LINES).append(" more lines)\n");
    md.append("```\n");
  }
}
