package rack.detect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rack.config.Thresholds;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerLogSummary;
import rack.model.HostSnapshot.RepeatedLine;
import rack.model.Severity;

/**
 * An error-log burst: more than {@code errorLogFloor} error-level lines since the previous check
 * and more than {@code errorLogFactor} times the container's usual count, so a chatty service
 * that always logs a few hundred errors is not an alarm while a quiet one that suddenly does is.
 * The usual count is a moving average of checks without a burst (a burst never teaches it); the
 * first check of a container only learns it.
 */
final class ErrorLogCheck {
  /** Weight of the newest check in the usual count. */
  static final double LEARNING_RATE = 0.3;
  static final int QUOTED = 3;

  private final Thresholds thresholds;

  ErrorLogCheck(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  Map<String, Double> evaluate(HostSnapshot snapshot, Map<String, Double> usual, List<Finding> out) {
    Map<String, Double> next = new TreeMap<>(usual);
    for (ContainerLogSummary logs : snapshot.containerLogs()) {
      if (logs == null || logs.container() == null) continue;
      Double before = usual.get(logs.container());
      long count = logs.errorLines();
      if (before == null) {
        // The first look at a container only learns: without its own usual count, a chatty
        // service would be an alarm on its first check.
        next.put(logs.container(), (double) count);
        continue;
      }
      double baseline = before;
      boolean burst = count > thresholds.errorLogFloor() && count > thresholds.errorLogFactor() * baseline;
      if (!burst) {
        next.put(logs.container(), baseline + LEARNING_RATE * (count - baseline));
        continue;
      }
      FindingBuilder f = FindingBuilder.of(snapshot.host(), FindingKind.ERROR_LOG_BURST, Severity.HIGH, logs.container())
          .summary("container " + logs.container() + " logged " + count + (logs.truncated() ? "+" : "")
              + " error lines since the previous check (usual " + Measured.number(baseline) + "; threshold more than "
              + thresholds.errorLogFloor() + " and " + Measured.number(thresholds.errorLogFactor()) + "x usual)"
              + (logs.topErrors().isEmpty() ? "" : ": " + logs.topErrors().get(0).text()))
          .fact("container", logs.container())
          .fact("errorLines", count)
          .fact("usualErrorLines", Measured.number(baseline))
          .measured(count + " error lines", "more than " + Math.max(thresholds.errorLogFloor(), Math.round(thresholds.errorLogFactor() * baseline)));
      List<RepeatedLine> top = logs.topErrors();
      for (int i = 0; i < Math.min(QUOTED, top.size()); i++) {
        f.evidence("log x" + top.get(i).count() + ": " + top.get(i).text());
      }
      if (!top.isEmpty()) f.fact("topLogLine", top.get(0).text());
      f.evidence("read " + logs.lines() + " lines (" + logs.bytesRead() + " bytes) of docker logs since the previous check"
          + (logs.truncated() ? ", stopped at the read bound" : ""));
      out.add(f.build());
    }
    return next;
  }
}
