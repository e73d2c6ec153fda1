package rack.contain;

import java.util.regex.Pattern;

/**
 * Where containment keeps things on the host. Configurable so tests (and the lab) can point them at a
 * scratch directory instead of the real machine.
 *
 * @param evidenceRoot evidence per idempotency key: {@code <root>/<key>/}
 * @param quarantineRoot quarantined files per key, plus the {@code MANIFEST} of everything moved
 * @param systemdRunDir exists only when systemd runs as init; without it units are quarantined by
 *     moving the unit file instead of {@code systemctl disable --now} and {@code mask}
 */
public record ContainmentPaths(String evidenceRoot, String quarantineRoot, String systemdRunDir) {
  private static final Pattern UNSAFE_KEY_CHARS = Pattern.compile("[^A-Za-z0-9._-]");

  public static ContainmentPaths defaults() {
    return new ContainmentPaths("/var/lib/rack/evidence", "/var/lib/rack/quarantine", "/run/systemd/system");
  }

  public String evidenceDir(String key) {
    return evidenceRoot + "/" + dirName(key);
  }

  public String quarantineDir(String key) {
    return quarantineRoot + "/" + dirName(key);
  }

  public String manifest() {
    return quarantineRoot + "/MANIFEST";
  }

  /** An idempotency key as one safe path segment (workflow ids may hold anything). */
  static String dirName(String key) {
    String cleaned = UNSAFE_KEY_CHARS.matcher(key == null ? "" : key).replaceAll("_").replaceAll("^[.]+", "_");
    if (cleaned.isEmpty()) return "unkeyed";
    return cleaned.length() > 120 ? cleaned.substring(0, 120) : cleaned;
  }
}
