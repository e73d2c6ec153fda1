package rack.worker.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import rack.model.MetricNames;

/**
 * Keeps rack's metrics to their own labels. rack counts through the tally scopes the SDK hands to
 * workflows and activities, and those carry the SDK's tags ({@code namespace}, {@code task_queue},
 * {@code workflow_type}, ... mostly {@code "none"}), which the SDK's reporter passes on to
 * Micrometer unchanged. For a dashboard they are noise, and they split one count into a series per
 * workflow type and task queue. Applied at the registry, before a meter exists, so meters that
 * differ only in the SDK's tags become one meter and their counts add up. The SDK's own metrics
 * keep every label.
 */
final class RackLabelsOnly implements MeterFilter {
  @Override
  public Meter.Id map(Meter.Id id) {
    if (!id.getName().startsWith(MetricNames.PREFIX)) return id;
    List<Tag> own = id.getTags().stream().filter(t -> MetricNames.TAG_KEYS.contains(t.getKey())).toList();
    return id.replaceTags(own);
  }
}
