package rack.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One thing a check found wrong: what (kind), how bad (severity), about what (subject: a service,
 * container, mount point, process name...), a one-line summary for people and the evidence behind it.
 *
 * <p>The {@link #fingerprint()} is stable across checks for the same problem, so the monitor feeds
 * a running loop instead of starting a second one. It is the loop's workflow id.
 *
 * @param facts structured details the loops act on, never part of the fingerprint. Keys in use:
 *     {@code container}, {@code service}, {@code mountPoint}, {@code pid}, {@code ppid}, {@code exe},
 *     {@code comm}, {@code args}, {@code user}, {@code path} (cron file, unit file, authorized_keys
 *     file, /etc/ld.so.preload), {@code line} (the exact cron / preload / key line), {@code sha256},
 *     {@code measured}, {@code threshold}, {@code evidenceStrength} (strong | weak)
 */
public record Finding(
    String host,
    FindingKind kind,
    Severity severity,
    String subject,
    String summary,
    List<String> evidence,
    Map<String, String> facts) {

  public Finding {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    facts = facts == null ? Map.of() : new TreeMap<>(facts);
  }

  public Finding(String host, FindingKind kind, Severity severity, String subject, String summary, List<String> evidence) {
    this(host, kind, severity, subject, summary, evidence, Map.of());
  }

  public String fact(String key) {
    return facts.get(key);
  }

  /** {@code <loop>-<host>-<kind>-<subject>}, e.g. {@code incident-staging-service-down-api}. */
  public String fingerprint() {
    return kind.loop().id() + "-" + idPart(host) + "-" + kind.slug() + "-" + idPart(subject);
  }

  public LoopKind loopKind() {
    return kind.loop();
  }

  /** Keeps workflow ids readable and safe in the CLI and the UI's URLs. */
  static String idPart(String s) {
    if (s == null || s.isBlank()) return "host";
    String cleaned = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
    cleaned = cleaned.replaceAll("^[_.-]+|[_.-]+$", "");
    if (cleaned.isEmpty()) return "x";
    return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
  }
}
