package rack.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rack.config.Thresholds;
import rack.detect.Baselines.Sample;
import rack.detect.Baselines.Trends;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.DiskUsage;
import rack.model.Severity;

/**
 * Trouble before it is an outage: a linear fit over the recent samples of each disk and of host
 * memory; a Medium finding when, at the fitted rate, the disk (or memory) reaches 100 % within
 * {@code fillHorizonHours}, naming the ETA and the rate. And a service whose healthy response
 * times climb steadily, before they cross the slow-response threshold.
 *
 * <p>Believed only with enough evidence: {@value #MIN_SAMPLES} samples spanning at least
 * {@link #MIN_SPAN}, a line explaining at least {@value #MIN_R2} of the variance, and a rising
 * slope. A burst of checks seconds apart (checkNow, alerts) therefore never extrapolates a blip.
 */
final class TrendCheck {
  static final int MIN_SAMPLES = 4;
  static final Duration MIN_SPAN = Duration.ofMinutes(30);
  static final double MIN_R2 = 0.8;
  static final int MIN_RESPONSE_SAMPLES = 6;
  /** The fitted response time must have grown by this factor over the window. */
  static final double RESPONSE_GROWTH = 1.5;

  private final Thresholds thresholds;

  TrendCheck(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  Trends evaluate(HostSnapshot snapshot, Trends previous, Map<String, List<Long>> healthyResponses, List<Finding> out) {
    if (snapshot.takenAt() == null) return previous;
    long now = snapshot.takenAt().toEpochMilli();
    Map<String, List<Sample>> disks = new TreeMap<>();
    for (DiskUsage disk : snapshot.disks()) {
      if (disk == null || !Mounts.worthWatching(disk)) continue;
      List<Sample> series = append(previous.disks().get(disk.mountPoint()), new Sample(now, disk.usedPercent()));
      disks.put(disk.mountPoint(), series);
      filling(snapshot, FindingKind.DISK_FILLING, disk.mountPoint(), "disk " + disk.mountPoint(), series)
          .ifPresent(b -> out.add(b.fact("mountPoint", disk.mountPoint()).fact("filesystem", disk.filesystem()).build()));
    }
    List<Sample> memory = previous.memory();
    if (snapshot.memory() != null && snapshot.memory().totalBytes() > 0) {
      memory = append(memory, new Sample(now, snapshot.memory().usedPercent()));
      filling(snapshot, FindingKind.MEMORY_FILLING, "memory", "host memory", memory).ifPresent(b -> out.add(b.build()));
    }
    healthyResponses.forEach((service, samples) -> degrading(snapshot, service, samples, out));
    return new Trends(disks, memory);
  }

  private static List<Sample> append(List<Sample> series, Sample sample) {
    List<Sample> next = new ArrayList<>(series == null ? List.of() : series);
    next.add(sample);
    return Baselines.lastN(next, Baselines.MAX_TREND_SAMPLES);
  }

  private java.util.Optional<FindingBuilder> filling(HostSnapshot snapshot, FindingKind kind, String subject, String what,
      List<Sample> series) {
    if (series.size() < MIN_SAMPLES) return java.util.Optional.empty();
    long first = series.get(0).atMillis();
    long last = series.get(series.size() - 1).atMillis();
    if (last - first < MIN_SPAN.toMillis()) return java.util.Optional.empty();
    List<double[]> xy = series.stream().map(s -> new double[] {(s.atMillis() - first) / 3_600_000.0, s.percent()}).toList();
    LinearFit fit = LinearFit.of(xy);
    double current = series.get(series.size() - 1).percent();
    if (fit.slope() <= 0 || fit.r2() < MIN_R2 || current >= 100.0) return java.util.Optional.empty();
    double hours = (100.0 - current) / fit.slope();
    if (hours > thresholds.fillHorizonHours()) return java.util.Optional.empty();
    Instant eta = snapshot.takenAt().plusSeconds(Math.round(hours * 3600));
    String rate = "+" + Measured.number(fit.slope()) + " points/h";
    return java.util.Optional.of(FindingBuilder.of(snapshot.host(), kind, Severity.MEDIUM, subject)
        .summary(what + " will be full in about " + hoursText(hours) + " (around " + eta + ") at " + rate + ", now "
            + Measured.percent(current) + " (horizon " + Measured.number(thresholds.fillHorizonHours()) + " h)")
        .evidence("linear fit of " + series.size() + " samples over " + hoursText((last - first) / 3_600_000.0) + ": " + rate
            + ", R² " + Measured.number(fit.r2()))
        .evidence("samples: " + samplesText(series))
        .fact("eta", eta)
        .fact("ratePointsPerHour", Measured.number(fit.slope()))
        .measured(hoursText(hours) + " to full", Measured.number(thresholds.fillHorizonHours()) + " h"));
  }

  private void degrading(HostSnapshot snapshot, String service, List<Long> samples, List<Finding> out) {
    if (samples.size() < MIN_RESPONSE_SAMPLES) return;
    List<double[]> xy = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) xy.add(new double[] {i, samples.get(i)});
    LinearFit fit = LinearFit.of(xy);
    double from = fit.at(0);
    double to = fit.at(samples.size() - 1);
    if (fit.slope() <= 0 || fit.r2() < MIN_R2 || from <= 0 || to < RESPONSE_GROWTH * from) return;
    out.add(FindingBuilder.of(snapshot.host(), FindingKind.RESPONSE_DEGRADING, Severity.MEDIUM, service)
        .summary(service + " responds slower check by check: " + Math.round(from) + " ms to " + Math.round(to) + " ms over the last "
            + samples.size() + " healthy checks (+" + Measured.number(fit.slope()) + " ms per check)")
        .evidence("healthy response times, oldest first: " + samples)
        .evidence("linear fit R² " + Measured.number(fit.r2()))
        .fact("service", service)
        .measured(Math.round(to) + " ms", Math.round(RESPONSE_GROWTH * from) + " ms")
        .build());
  }

  static String hoursText(double hours) {
    return hours < 1 ? Math.max(1, Math.round(hours * 60)) + " min" : Measured.number(hours) + " h";
  }

  private static String samplesText(List<Sample> series) {
    StringBuilder b = new StringBuilder();
    for (Sample s : series) {
      if (b.length() > 0) b.append(", ");
      b.append(Instant.ofEpochMilli(s.atMillis())).append(' ').append(Measured.percent(s.percent()));
    }
    return b.toString();
  }
}
