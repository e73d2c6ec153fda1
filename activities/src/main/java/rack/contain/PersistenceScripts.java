package rack.contain;

import static rack.shell.ShellQuote.quote;

import java.util.regex.Pattern;

/**
 * The host-side scripts that remove one persistence entry. Each keeps an untouched copy of the file
 * in the evidence dir first (only on the first attempt, so a retry cannot overwrite the original with
 * an already-cleaned file), and each is safe to run twice.
 */
final class PersistenceScripts {
  static final Pattern UNIT_NAME = Pattern.compile("^[A-Za-z0-9:_.@-]+\\.(service|timer|socket|path|mount)$");

  private PersistenceScripts() {}

  /**
   * Removes every line exactly equal to {@code line}, keeps all others byte for byte, and moves the
   * filtered copy into place with the original's mode and owner. The filtered copy is counted before
   * the move: a short write (disk full) leaves the original in place rather than emptying it.
   */
  static String removeExactLine(String path, String line, String originalCopy, boolean deleteIfEmpty) {
    String script = String.join("\n",
        "f=" + quote(path) + "; line=" + quote(line) + "; orig=" + quote(originalCopy) + "; tmp=\"$f.rack-tmp\"",
        "if ! grep -qxF -- \"$line\" \"$f\" 2>/dev/null; then",
        "  if [ -f \"$orig\" ] && grep -qxF -- \"$line\" \"$orig\"; then echo \"already removed from $f\"; exit 0; fi",
        "  echo \"line not found in $f\" >&2; exit 4",
        "fi",
        "mkdir -p -m 700 \"$(dirname \"$orig\")\" && { [ -e \"$orig\" ] || cp -p -- \"$f\" \"$orig\"; } || exit 5",
        "cp -p -- \"$f\" \"$tmp\" || exit 5",
        "keep=$(grep -cvxF -- \"$line\" \"$f\")",
        "grep -vxF -- \"$line\" \"$f\" > \"$tmp\"; [ $? -le 1 ] || { rm -f -- \"$tmp\"; echo 'could not write the filtered copy' >&2; exit 5; }",
        "[ \"$(grep -c '' \"$tmp\")\" = \"$keep\" ] || { rm -f -- \"$tmp\"; echo 'filtered copy incomplete, original left in place' >&2; exit 5; }",
        "mv -f -- \"$tmp\" \"$f\" && echo \"removed the line from $f; $keep other line(s) kept; original at $orig\"");
    if (deleteIfEmpty) {
      script += "\nif ! grep -q '[^[:space:]]' \"$f\"; then rm -f -- \"$f\" && echo \"deleted $f: no entries left\"; fi";
    }
    return script;
  }

  /**
   * With systemd running: stop and disable the unit, move its file to quarantine, mask the name so
   * nothing re-enables it. Without systemd (containers, the lab): move the unit file to quarantine
   * and delete the {@code *.wants} links that would start it.
   */
  static String disableUnit(String unit, String unitFile, String originalCopy, String quarantineDir, String systemdRunDir) {
    String unitDir = HostPaths.parent(unitFile);
    return String.join("\n",
        "u=" + quote(unit) + "; f=" + quote(unitFile) + "; orig=" + quote(originalCopy) + "; q=" + quote(quarantineDir),
        "mkdir -p -m 700 \"$q\" \"$(dirname \"$orig\")\" || exit 5",
        "if [ -f \"$f\" ] && [ ! -L \"$f\" ] && [ ! -e \"$orig\" ]; then cp -p -- \"$f\" \"$orig\" || exit 5; fi",
        "if [ -d " + quote(systemdRunDir) + " ]; then",
        "  systemctl disable --now \"$u\" || echo \"disable $u failed; masking anyway\"",
        "  if [ -f \"$f\" ] && [ ! -L \"$f\" ]; then mv -f -- \"$f\" \"$q/$u\" && chmod 000 \"$q/$u\"; fi",
        "  systemctl mask \"$u\" && systemctl daemon-reload && echo \"$u disabled, stopped and masked\"",
        "else",
        "  if [ -f \"$f\" ] && [ ! -L \"$f\" ]; then mv -f -- \"$f\" \"$q/$u\" && chmod 000 \"$q/$u\" || exit 5; fi",
        "  find " + quote(unitDir) + " -maxdepth 2 -type l -name \"$u\" -print -delete",
        "  echo \"systemd is not running: $u moved to $q, enablement links removed\"",
        "fi");
  }

  /**
   * Moves a file into quarantine (not delete: it is evidence), makes it unreadable to anyone but
   * root, and appends {@code sha256  original-path  time} to the manifest.
   */
  static String quarantine(String path, String quarantineDir, String manifest) {
    return String.join("\n",
        "src=" + quote(path) + "; q=" + quote(quarantineDir) + "; dst=" + quote(quarantineDir + "/" + HostPaths.copyName(path))
            + "; manifest=" + quote(manifest),
        "if [ ! -e \"$src\" ] && [ -e \"$dst\" ]; then echo \"already quarantined at $dst\"; exit 0; fi",
        "if [ -L \"$src\" ] || [ ! -f \"$src\" ]; then echo \"not a regular file: $src\" >&2; exit 4; fi",
        "mkdir -p -m 700 \"$q\" || exit 5",
        "sum=$(sha256sum < \"$src\" | cut -d' ' -f1); [ -n \"$sum\" ] || exit 5",
        "mv -f -- \"$src\" \"$dst\" && chmod 000 \"$dst\" || exit 5",
        "printf '%s  %s  %s\\n' \"$sum\" \"$src\" \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >> \"$manifest\" || exit 5",
        "echo \"$sum  $src -> $dst\"");
  }
}
