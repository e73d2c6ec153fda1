package rack.probe.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rack.model.HostSnapshot.CronEntry;

/**
 * Active lines (not blank, not comments) of the system crontab, /etc/cron.d and the per-user
 * crontabs. Variable assignments such as {@code PATH=...} are kept: they change what jobs run.
 */
public final class CronParser {
  private CronParser() {}

  public static String command(String nonce) {
    return "for f in /etc/crontab /etc/cron.d/* /var/spool/cron/crontabs/* /var/spool/cron/*; do "
        + "[ -f \"$f\" ] || continue; " + Sections.marker(nonce) + "; cat \"$f\"; echo; done; true";
  }

  public static Parsed<List<CronEntry>> parse(String output, String nonce) {
    List<String> notes = new ArrayList<>();
    List<CronEntry> entries = new ArrayList<>();
    for (Map.Entry<String, List<String>> file : Sections.split(output, nonce, "cron", notes).entrySet()) {
      for (String line : file.getValue()) {
        if (Sections.active(line)) {
          entries.add(new CronEntry(file.getKey(), line.strip()));
        }
      }
    }
    return Parsed.of(entries, notes);
  }
}
