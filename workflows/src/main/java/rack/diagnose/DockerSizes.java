package rack.diagnose;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the human sizes docker and du print ("1.2GB", "512MiB", "0B", "4096"). */
final class DockerSizes {
  private static final Pattern SIZE = Pattern.compile("(?i)^([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?i?b?)$");

  private DockerSizes() {}

  /** Bytes, or null when the text is not a size. A bare number is bytes (du -b). */
  static Long parse(String text) {
    if (text == null) return null;
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) return null;
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    boolean binary = unit.contains("i");
    int power = unit.isEmpty() ? 0 : switch (unit.charAt(0)) {
      case 'k' -> 1;
      case 'm' -> 2;
      case 'g' -> 3;
      case 't' -> 4;
      default -> 0;
    };
    return (long) (value * Math.pow(binary ? 1024 : 1000, power));
  }

  /**
   * Sum of the RECLAIMABLE column of {@code docker system df} ("TYPE TOTAL ACTIVE SIZE RECLAIMABLE";
   * reclaimable reads "1.2GB (80%)").
   */
  static long reclaimable(String systemDf) {
    long total = 0;
    for (String line : systemDf.lines().toList()) {
      if (line.startsWith("TYPE")) continue;
      String withoutShare = line.replaceAll("\\s*\\([0-9.]+%\\)\\s*$", "").trim();
      String[] columns = withoutShare.split("\\s+");
      Long size = columns.length == 0 ? null : parse(columns[columns.length - 1]);
      if (size != null) total += size;
    }
    return total;
  }

  static String format(long bytes) {
    if (bytes < 1000) return bytes + "B";
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
  }
}
