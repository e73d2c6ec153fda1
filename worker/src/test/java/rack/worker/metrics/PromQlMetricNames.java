package rack.worker.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana {@code label_values(...)} query) reads.
 * Enough PromQL for dashboards: label matchers, range and subquery brackets, {@code by}/{@code
 * without}/{@code on}/{@code ignoring}/{@code group_*} label lists and strings are dropped, then
 * every identifier left that is not a function call, keyword or number is a metric name.
 */
final class PromQlMetricNames {
  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*]");
  private static final Pattern LABEL_LISTS = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
      "ignoring", "group_left", "group_right", "inf", "nan");

  private PromQlMetricNames() {}

  static Set<String> of(String expr) {
    String e = STRINGS.matcher(expr).replaceAll(" ");
    e = MATCHERS.matcher(e).replaceAll(" ");
    e = RANGES.matcher(e).replaceAll(" ");
    e = LABEL_LISTS.matcher(e).replaceAll(" ");
    // label_values(metric, label): the second argument is a label, not a metric.
    e = e.replaceAll("label_values\\s*\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)", " $1 ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(e);
    while (m.find()) {
      String word = m.group();
      boolean call = e.substring(m.end()).stripLeading().startsWith("(");
      boolean variable = m.start() > 0 && e.charAt(m.start() - 1) == '$';
      if (!call && !variable && !KEYWORDS.contains(word.toLowerCase())) names.add(word);
    }
    return names;
  }
}
