package rack.probe.parse;

/** Number parsing that answers null instead of throwing: host output is data, not trusted input. */
final class Numbers {
  private Numbers() {}

  static Long parseLong(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Integer parseInt(String s) {
    Long value = parseLong(s);
    return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
  }

  static Double parseDouble(String s) {
    if (s == null) {
      return null;
    }
    try {
      double value = Double.parseDouble(s.trim());
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** "0.07%" → 0.07; "--" (docker for a stopped container) → null. */
  static Double percent(String s) {
    if (s == null) {
      return null;
    }
    String trimmed = s.trim();
    return parseDouble(trimmed.endsWith("%") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
  }
}
