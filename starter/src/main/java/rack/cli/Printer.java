package rack.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import rack.detect.ServiceLink;
import rack.loop.LoopStatus;
import rack.loop.TimelineEntry;
import rack.model.Finding;
import rack.model.HostSnapshot;
import rack.remedy.ActionRecord;

/** The CLI's text output, kept in one place so every command reads alike. */
final class Printer {
  private Printer() {}

  static String check(CheckCommand.CheckResult r) {
    HostSnapshot s = r.snapshot();
    StringBuilder out = new StringBuilder();
    out.append(s.host()).append("  health ").append(r.evaluation().healthScore()).append("/10  ");
    if (!s.reachable()) {
      out.append("UNREACHABLE: ").append(s.problem()).append('\n');
    } else {
      out.append(s.containers().size()).append(" containers, ")
          .append(s.processes().size()).append(" processes, ")
          .append(s.services().size()).append(" status-page services\n");
    }
    List<Finding> findings = r.evaluation().findings();
    if (findings.isEmpty()) {
      out.append("  healthy: no findings\n");
    }
    for (Finding f : findings) {
      out.append(String.format("  %-8s %-22s %s%n", f.severity().label(), f.kind().slug(), f.summary()));
    }
    links(out, r.evaluation().links(), findings);
    for (String note : s.notes()) {
      out.append("  note: ").append(note).append('\n');
    }
    return out.toString();
  }

  /**
   * Which containers serve each status-page service and which rule linked them; an unlinked service
   * is listed only when it has a finding (then the line says which containers were checked).
   */
  private static void links(StringBuilder out, List<ServiceLink> links, List<Finding> findings) {
    for (ServiceLink link : links) {
      boolean hasFinding = findings.stream().anyMatch(f -> link.service().equals(f.fact("service")));
      if (link.linked()) {
        out.append("  link     ").append(link.service()).append(" -> ").append(String.join(", ", link.containers()))
            .append(" (").append(link.source().label()).append(": ").append(link.explanation()).append(")\n");
      } else if (hasFinding) {
        out.append("  link     ").append(link.service()).append(" -> none: ").append(link.explanation()).append('\n');
      }
    }
  }

  static String loopRow(LoopStatus s, Instant now) {
    return String.format("%-48s %-8s %-10s %-15s %-9s %s",
        s.loopId(), s.kind().id(), s.host(), s.phase(), s.severity() == null ? "-" : s.severity().label(),
        s.startedAt() == null ? "-" : age(Duration.between(s.startedAt(), now)));
  }

  static String loopHeader() {
    return String.format("%-48s %-8s %-10s %-15s %-9s %s", "LOOP", "KIND", "HOST", "PHASE", "SEVERITY", "AGE");
  }

  static String loop(LoopStatus s) {
    StringBuilder out = new StringBuilder();
    out.append(s.loopId()).append('\n');
    line(out, "kind", s.kind().title());
    line(out, "host", s.host());
    line(out, "phase", s.phase() + (s.waitingFor() == null ? "" : " (waiting for " + s.waitingFor() + ")"));
    line(out, "severity", s.severity() == null ? "-" : s.severity().label());
    line(out, "finding", s.finding() == null ? "-" : s.finding().summary());
    line(out, "root cause", s.rootCause() == null ? "-" : s.rootCause());
    line(out, "pull request", s.pullRequest() == null ? "-"
        : "#" + s.pullRequest().number() + " " + s.pullRequest().url() + (s.merged() ? " (merged)" : ""));
    line(out, "restarts", Integer.toString(s.restarts()));
    line(out, "messages", s.messagesSent() == null ? "-" : s.messagesSent().toString());
    if (s.outcome() != null) line(out, "outcome", s.outcome().finalPhase() + ": " + s.outcome().summary());
    if (s.actions() != null && !s.actions().isEmpty()) {
      out.append("actions:\n");
      for (ActionRecord a : s.actions()) {
        out.append("  ").append(a.at()).append("  ").append(a.outcome()).append("  ").append(a.command())
            .append(a.exitCode() == null ? "" : "  (exit " + a.exitCode() + ")").append('\n');
      }
    }
    if (s.timeline() != null) {
      out.append("timeline:\n");
      for (TimelineEntry e : s.timeline()) {
        out.append("  ").append(e.at()).append("  ").append(e.event())
            .append(e.detail() == null || e.detail().isBlank() ? "" : ": " + e.detail()).append('\n');
      }
    }
    if (s.report() != null) {
      out.append("\n").append(s.report()).append('\n');
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("  %-13s %s%n", label, value));
  }

  static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) return s + "s";
    if (s < 7200) return s / 60 + "m";
    if (s < 172800) return s / 3600 + "h";
    return s / 86400 + "d";
  }
}
