package rack.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import rack.detect.Baselines.Inventory;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.AuthorizedKey;
import rack.model.HostSnapshot.CronEntry;
import rack.model.HostSnapshot.SystemdUnit;
import rack.model.Severity;

/**
 * The persistence half of the anomaly scan (DESIGN C8): cron lines, systemd units and
 * authorized_keys that were not there at the host's first check, and any /etc/ld.so.preload
 * content (never normal on a server, so never learned automatically; only a person's dismissal
 * accepts a line).
 *
 * <p>Limitation by design: a host already compromised at its first check has the attacker's
 * persistence in its baseline. ld.so.preload and the process scan still catch the usual kits.
 */
final class PersistenceCheck {
  static final String LD_PRELOAD_PATH = "/etc/ld.so.preload";

  /** The inventory of this snapshot, in the form the baseline keeps. */
  static Inventory inventoryOf(HostSnapshot s) {
    return new Inventory(true,
        s.processes().stream().filter(p -> p != null).map(ProcessScan::nameOf).distinct().sorted().toList(),
        s.cronEntries().stream().filter(c -> c != null).map(PersistenceCheck::key).distinct().sorted().toList(),
        s.systemdUnits().stream().filter(u -> u != null).map(PersistenceCheck::key).distinct().sorted().toList(),
        s.authorizedKeys().stream().filter(k -> k != null).map(PersistenceCheck::key).distinct().sorted().toList());
  }

  /** Allowed = the first check's inventory plus what people accepted since (dismissed loops). */
  void evaluate(HostSnapshot s, Inventory allowed, Baselines baselines, List<Finding> out) {
    cron(s, with(allowed.cronLines(), baselines, AcceptedEntry.CRON), out);
    systemd(s, with(allowed.systemdUnits(), baselines, AcceptedEntry.SYSTEMD), out);
    authorizedKeys(s, with(allowed.authorizedKeys(), baselines, AcceptedEntry.AUTHORIZED_KEY), out);
    ldPreload(s, with(List.of(), baselines, AcceptedEntry.LD_PRELOAD), out);
  }

  private static Set<String> with(List<String> learned, Baselines baselines, String kind) {
    Set<String> allowed = new HashSet<>(learned);
    baselines.accepted().stream().filter(e -> kind.equals(e.kind())).forEach(e -> allowed.add(e.key()));
    return allowed;
  }

  /** One finding per crontab file, so a second line in the same file feeds the same loop. */
  private void cron(HostSnapshot s, Set<String> allowed, List<Finding> out) {
    Map<String, List<CronEntry>> added = new TreeMap<>();
    for (CronEntry c : s.cronEntries()) {
      if (c != null && c.line() != null && !allowed.contains(key(c))) {
        added.computeIfAbsent(source(c.source()), k -> new ArrayList<>()).add(c);
      }
    }
    added.forEach((file, entries) -> {
      FindingBuilder b = FindingBuilder.of(s.host(), FindingKind.CRON_ADDED, Severity.HIGH, file)
          .summary("cron job added in " + file + ": " + shorten(entries.get(0).line()))
          .fact("path", file)
          .fact("line", entries.get(0).line())
          .measured(entries.size() + " new line(s)", "none beyond the first check's crontabs");
      entries.forEach(e -> b.evidence(file + ": " + e.line()));
      out.add(b.build());
    });
  }

  private void systemd(HostSnapshot s, Set<String> allowed, List<Finding> out) {
    for (SystemdUnit u : s.systemdUnits()) {
      if (u == null || u.name() == null || allowed.contains(key(u))) continue;
      out.add(FindingBuilder.of(s.host(), FindingKind.SYSTEMD_UNIT_ADDED, Severity.HIGH, u.name())
          .summary("systemd unit " + u.name() + " is new or its ExecStart changed: " + shorten(u.execStart()))
          .evidence((u.path() == null ? u.name() : u.path()) + ": ExecStart=" + u.execStart())
          .fact("path", u.path())
          .fact("line", u.execStart() == null ? null : "ExecStart=" + u.execStart())
          .measured("unit not in baseline", "units of the first check")
          .build());
    }
  }

  /** One finding per authorized_keys file. */
  private void authorizedKeys(HostSnapshot s, Set<String> allowed, List<Finding> out) {
    Map<String, List<AuthorizedKey>> added = new TreeMap<>();
    for (AuthorizedKey k : s.authorizedKeys()) {
      if (k != null && k.sha256() != null && !allowed.contains(key(k))) {
        added.computeIfAbsent(source(k.file()), f -> new ArrayList<>()).add(k);
      }
    }
    added.forEach((file, keys) -> {
      AuthorizedKey first = keys.get(0);
      FindingBuilder b = FindingBuilder.of(s.host(), FindingKind.AUTHORIZED_KEY_ADDED, Severity.HIGH, file)
          .summary("SSH key added to " + file + ": " + first.type() + " " + (first.comment() == null ? "" : first.comment()).strip())
          .fact("path", file)
          .fact("sha256", first.sha256())
          .measured(keys.size() + " new key(s)", "keys of the first check");
      keys.forEach(k -> b.evidence(file + ": " + k.type() + " SHA256:" + k.sha256() + " " + (k.comment() == null ? "" : k.comment())));
      out.add(b.build());
    });
  }

  private void ldPreload(HostSnapshot s, Set<String> accepted, List<Finding> out) {
    List<String> lines = s.ldPreload().stream()
        .filter(l -> l != null && !l.isBlank() && !l.strip().startsWith("#")).map(String::strip)
        .filter(l -> !accepted.contains(l)).toList();
    if (lines.isEmpty()) return;
    FindingBuilder b = FindingBuilder.of(s.host(), FindingKind.LD_PRELOAD, Severity.CRITICAL, LD_PRELOAD_PATH)
        .summary(LD_PRELOAD_PATH + " preloads " + lines.get(0) + " into every process")
        .fact("path", LD_PRELOAD_PATH)
        .fact("line", lines.get(0))
        .measured(lines.size() + " line(s)", "empty");
    lines.forEach(l -> b.evidence(LD_PRELOAD_PATH + ": " + l));
    out.add(b.build());
  }

  static String key(CronEntry c) {
    return source(c.source()) + "\t" + normalize(c.line());
  }

  static String key(SystemdUnit u) {
    return u.name() + "\t" + normalize(u.execStart());
  }

  static String key(AuthorizedKey k) {
    return source(k.file()) + "\t" + k.sha256();
  }

  private static String source(String s) {
    return s == null || s.isBlank() ? "unknown" : s.strip();
  }

  private static String normalize(String line) {
    return line == null ? "" : line.strip().replaceAll("\\s+", " ");
  }

  private static String shorten(String s) {
    if (s == null) return "";
    String t = normalize(s);
    return t.length() > 120 ? t.substring(0, 120) + "..." : t;
  }
}
