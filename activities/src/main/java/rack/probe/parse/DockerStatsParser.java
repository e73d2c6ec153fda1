package rack.probe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker stats --no-stream --no-trunc --format '{{json .}}'} (slow: 1.6–2.9 s). Used only
 * when a running container's memory cgroup could not be found.
 */
public final class DockerStatsParser {
  private static final Pattern SIZE = Pattern.compile("([0-9.]+)\\s*([KMGTP]?i?B)", Pattern.CASE_INSENSITIVE);

  private DockerStatsParser() {}

  public record Row(String id, Double cpuPercent, Double memPercent, Long memUsageBytes, Long memLimitBytes) {}

  public static Parsed<Map<String, Row>> parse(String output) {
    List<String> notes = new ArrayList<>();
    Map<String, Row> rows = new LinkedHashMap<>();
    for (JsonNode node : JsonLines.objects(output, "docker stats", notes)) {
      String id = JsonLines.text(node, "ID");
      if (id == null) {
        continue;
      }
      String[] usage = String.valueOf(JsonLines.text(node, "MemUsage")).split("/");
      rows.put(id, new Row(id,
          Numbers.percent(JsonLines.text(node, "CPUPerc")),
          Numbers.percent(JsonLines.text(node, "MemPerc")),
          usage.length == 2 ? bytes(usage[0]) : null,
          usage.length == 2 ? bytes(usage[1]) : null));
    }
    return Parsed.of(rows, notes);
  }

  /** "796KiB" → 815104, "1.5GB" → 1500000000; docker uses both binary and decimal units. */
  static Long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    Double number = Numbers.parseDouble(m.group(1));
    if (number == null) {
      return null;
    }
    String unit = m.group(2).toUpperCase(Locale.ROOT);
    boolean binary = unit.contains("I");
    int power = "BKMGTP".indexOf(unit.charAt(0));
    double scale = Math.pow(binary ? 1024 : 1000, Math.max(power, 0));
    return Math.round(number * scale);
  }
}
