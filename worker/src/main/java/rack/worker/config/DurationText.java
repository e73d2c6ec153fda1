package rack.worker.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in YAML: {@code 90s}, {@code 10m}, {@code 1h}, {@code 2d}, or ISO {@code PT1H}. */
public final class DurationText {
  private static final Pattern SIMPLE = Pattern.compile("^(\\d+)\\s*(ms|s|m|h|d)$");

  private DurationText() {}

  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase();
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase());
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 30s, 10m, 1h)");
    }
  }

  /** The inverse for humans: 3600s prints as 1h, 90s as 90s. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s > 0 && s % 86400 == 0) return s / 86400 + "d";
    if (s > 0 && s % 3600 == 0) return s / 3600 + "h";
    if (s > 0 && s % 60 == 0) return s / 60 + "m";
    if (d.toMillis() % 1000 != 0) return d.toMillis() + "ms";
    return s + "s";
  }
}
