package rack.diagnose;

import java.util.List;
import rack.remedy.ActionRecord;

/** Renders what rack did on a host as markdown list items: exact command, exit code, outcome, output digest. */
public final class ActionMarkdown {
  private ActionMarkdown() {}

  public static String list(List<ActionRecord> actions, String none) {
    if (actions == null || actions.isEmpty()) return "- " + none + "\n";
    StringBuilder md = new StringBuilder();
    for (ActionRecord a : actions) md.append(item(a));
    return md.toString();
  }

  static String item(ActionRecord a) {
    StringBuilder md = new StringBuilder("- **").append(a.step()).append("** on ").append(a.host()).append(": `")
        .append(a.command()).append("` — ").append(a.outcome())
        .append(", exit code ").append(a.exitCode() == null ? "none" : a.exitCode());
    if (a.outputDigest() != null) md.append(", output sha256 `").append(a.outputDigest()).append('`');
    md.append('\n');
    if (a.outputExcerpt() != null && !a.outputExcerpt().isBlank()) {
      md.append("  ```\n");
      a.outputExcerpt().lines().limit(10).forEach(l -> md.append("  ").append(l).append('\n'));
      md.append("  ```\n");
    }
    return md.toString();
  }
}
