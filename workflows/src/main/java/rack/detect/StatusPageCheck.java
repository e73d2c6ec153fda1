package rack.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rack.config.Thresholds;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;
import rack.model.Severity;

/**
 * The status page part of A1/A2: services DOWN or DEGRADED, the page itself unreachable, and
 * response times above {@code responseTimeFactor} times a baseline learned from healthy checks.
 */
final class StatusPageCheck {
  private final Thresholds thresholds;

  StatusPageCheck(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** Adds findings to {@code out}; returns the response-time samples to carry to the next check. */
  Map<String, List<Long>> evaluate(HostSnapshot snapshot, Map<String, List<Long>> previousSamples, List<Finding> out) {
    String host = snapshot.host();
    if (snapshot.statusPageError() != null && !snapshot.statusPageError().isBlank()) {
      out.add(FindingBuilder.of(host, FindingKind.STATUS_PAGE_UNREACHABLE, Severity.HIGH, "status-page")
          .summary("status page unreachable: " + firstLine(snapshot.statusPageError()))
          .evidence(snapshot.statusPageError())
          .build());
    }
    if (Boolean.FALSE.equals(snapshot.dashboardReachable())) {
      out.add(FindingBuilder.of(host, FindingKind.DASHBOARD_UNREACHABLE, Severity.MEDIUM, "dashboard")
          .summary("resource dashboard (Dozzle) unreachable")
          .build());
    }
    Map<String, List<Long>> samples = new TreeMap<>(previousSamples);
    for (ServiceStatus service : snapshot.services()) {
      if (service == null || service.name() == null || service.name().isBlank()) continue;
      ServiceState state = service.state() == null ? ServiceState.UNKNOWN : service.state();
      switch (state) {
        case DOWN -> out.add(serviceFinding(host, service, FindingKind.SERVICE_DOWN, Severity.CRITICAL, "DOWN"));
        case DEGRADED -> out.add(serviceFinding(host, service, FindingKind.SERVICE_DEGRADED, Severity.HIGH, "DEGRADED"));
        case UP -> checkResponseTime(host, service, samples, out);
        case UNKNOWN -> { /* no verdict from the page: neither a finding nor a healthy sample */ }
      }
    }
    return samples;
  }

  private Finding serviceFinding(String host, ServiceStatus service, FindingKind kind, Severity severity, String word) {
    return FindingBuilder.of(host, kind, severity, service.name())
        .summary(service.name() + " is " + word + " on the status page")
        .evidence("status page: " + service.name() + " " + word
            + (service.responseTimeMs() == null ? "" : ", response " + Measured.millis(service.responseTimeMs()))
            + (service.detail() == null || service.detail().isBlank() ? "" : ", " + service.detail()))
        .fact("service", service.name())
        .measured(word, "UP")
        .build();
  }

  /**
   * Slow = above factor x median of the healthy samples, once {@code baselineMinSamples} samples
   * exist, and never below {@code responseTimeFloorMs}. Only samples of healthy (UP, not slow)
   * checks are learned, so an incident does not raise its own baseline.
   */
  private void checkResponseTime(String host, ServiceStatus service, Map<String, List<Long>> samples, List<Finding> out) {
    Long ms = service.responseTimeMs();
    if (ms == null || ms < 0) return;
    List<Long> history = samples.getOrDefault(service.name(), List.of());
    if (history.size() >= Math.max(1, thresholds.baselineMinSamples())) {
      long baseline = median(history);
      double limit = Math.max(thresholds.responseTimeFactor() * baseline, thresholds.responseTimeFloorMs());
      if (ms > limit) {
        out.add(FindingBuilder.of(host, FindingKind.SLOW_RESPONSE, Severity.MEDIUM, service.name())
            .summary(service.name() + " responds in " + Measured.millis(ms) + " (threshold "
                + Measured.number(thresholds.responseTimeFactor()) + "x baseline " + Measured.millis(baseline) + ")")
            .evidence("status page: " + service.name() + " response " + Measured.millis(ms))
            .evidence("baseline: median of " + history.size() + " healthy checks = " + Measured.millis(baseline))
            .fact("service", service.name())
            .measured(Measured.millis(ms), Measured.millis(Math.round(limit)))
            .build());
        return;
      }
    }
    List<Long> next = new ArrayList<>(history);
    next.add(ms);
    samples.put(service.name(), Baselines.lastN(next, Baselines.MAX_RESPONSE_SAMPLES));
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String firstLine(String s) {
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
