package rack.detect;

import java.util.Locale;

/** How measurements appear in summaries: "91%", "80.5%", "412 ms". Locale-independent. */
final class Measured {
  private Measured() {}

  /** One decimal, without a trailing ".0", so "80.4%" does not read as "80%" next to an 80% threshold. */
  static String percent(double value) {
    return number(value) + "%";
  }

  static String number(double value) {
    String s = String.format(Locale.ROOT, "%.1f", value);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  static String millis(long value) {
    return value + " ms";
  }
}
