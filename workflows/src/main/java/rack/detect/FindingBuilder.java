package rack.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.Severity;

/** Assembles a {@link Finding} step by step; null facts are dropped so loops never see "null". */
final class FindingBuilder {
  private final String host;
  private final FindingKind kind;
  private final Severity severity;
  private final String subject;
  private String summary;
  private final List<String> evidence = new ArrayList<>();
  private final Map<String, String> facts = new TreeMap<>();

  private FindingBuilder(String host, FindingKind kind, Severity severity, String subject) {
    this.host = host;
    this.kind = kind;
    this.severity = severity;
    this.subject = subject;
  }

  static FindingBuilder of(String host, FindingKind kind, Severity severity, String subject) {
    return new FindingBuilder(host, kind, severity, subject);
  }

  FindingBuilder summary(String text) {
    this.summary = text;
    return this;
  }

  FindingBuilder evidence(String line) {
    if (line != null && !line.isBlank()) evidence.add(line);
    return this;
  }

  FindingBuilder fact(String key, Object value) {
    if (value != null && !String.valueOf(value).isEmpty()) facts.put(key, String.valueOf(value));
    return this;
  }

  /** The measured value and the threshold it breached, both as the summary shows them. */
  FindingBuilder measured(String measured, String threshold) {
    return fact("measured", measured).fact("threshold", threshold);
  }

  Finding build() {
    return new Finding(host, kind, severity, subject, summary, evidence, facts);
  }
}
