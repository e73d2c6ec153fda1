package rack.probe.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rack.model.HostSnapshot.MemoryInfo;

/** {@code /proc/meminfo}: MemTotal and MemAvailable (kernels before 3.14 lack it: estimated). */
public final class MeminfoParser {
  private MeminfoParser() {}

  public static Parsed<MemoryInfo> parse(String output) {
    List<String> notes = new ArrayList<>();
    Map<String, Long> kib = new HashMap<>();
    for (String line : Lines.of(output, "meminfo", notes)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String value = line.substring(colon + 1).trim();
        Long number = Numbers.parseLong(value.endsWith("kB") ? value.substring(0, value.length() - 2) : value);
        if (number != null) {
          kib.put(line.substring(0, colon).trim(), number);
        }
      }
    }
    Long total = kib.get("MemTotal");
    if (total == null || total <= 0) {
      notes.add("meminfo: no MemTotal");
      return Parsed.of(null, notes);
    }
    Long available = kib.get("MemAvailable");
    if (available == null) {
      available = kib.getOrDefault("MemFree", 0L) + kib.getOrDefault("Buffers", 0L) + kib.getOrDefault("Cached", 0L);
      notes.add("meminfo: no MemAvailable, estimated from MemFree + Buffers + Cached");
    }
    return Parsed.of(new MemoryInfo(total * 1024, Math.min(available, total) * 1024), notes);
  }
}
