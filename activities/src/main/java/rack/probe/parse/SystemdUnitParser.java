package rack.probe.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rack.model.HostSnapshot.SystemdUnit;

/**
 * Unit files and drop-ins under /etc/systemd/system (one level of subdirectories, which holds the
 * {@code *.wants} links and {@code *.d} overrides) with their ExecStart. The first output line says
 * whether systemd runs at all ({@code /run/systemd/system} exists, as sd_booted checks).
 */
public final class SystemdUnitParser {
  public static final String RUNNING = "systemd-running";
  public static final String NOT_RUNNING = "systemd-not-running";

  private SystemdUnitParser() {}

  /** Units and whether systemd is the init system. */
  public record Result(boolean systemdRunning, List<SystemdUnit> units) {}

  public static String command(String nonce) {
    return "if [ -d /run/systemd/system ]; then echo " + RUNNING + "; else echo " + NOT_RUNNING + "; fi; "
        + "for f in /etc/systemd/system/* /etc/systemd/system/*/*; do [ -f \"$f\" ] || continue; "
        + "case \"$f\" in *.service|*.timer|*.socket|*.path|*.conf) ;; *) continue;; esac; "
        + Sections.marker(nonce) + "; grep -E '^[[:space:]]*ExecStart[[:space:]]*=' \"$f\"; done; true";
  }

  public static Parsed<Result> parse(String output, String nonce) {
    List<String> notes = new ArrayList<>();
    String text = output == null ? "" : output;
    boolean running = text.startsWith(RUNNING + "\n");
    if (text.startsWith(RUNNING + "\n") || text.startsWith(NOT_RUNNING + "\n")) {
      text = text.substring(text.indexOf('\n') + 1);
    } else {
      notes.add("systemd: could not tell whether systemd runs");
    }
    List<SystemdUnit> units = new ArrayList<>();
    for (Map.Entry<String, List<String>> file : Sections.split(text, nonce, "systemd", notes).entrySet()) {
      String path = file.getKey();
      units.add(new SystemdUnit(path.substring(path.lastIndexOf('/') + 1), path, execStart(file.getValue())));
    }
    return Parsed.of(new Result(running, units), notes);
  }

  /** The last non-empty ExecStart (an empty one resets the list in drop-ins), or null. */
  private static String execStart(List<String> lines) {
    String found = null;
    for (String line : lines) {
      int eq = line.indexOf('=');
      String value = eq < 0 ? "" : line.substring(eq + 1).strip();
      if (!value.isEmpty()) {
        found = value;
      }
    }
    return found;
  }
}
