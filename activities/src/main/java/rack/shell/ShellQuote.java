package rack.shell;

import java.util.regex.Pattern;

/**
 * Values that came from a remote host (container names, PIDs, paths) are validated against these
 * patterns (DESIGN C7) and then single-quoted before they reach a shell.
 */
public final class ShellQuote {
  public static final Pattern CONTAINER_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
  public static final Pattern CONTAINER_ID = Pattern.compile("^[0-9a-f]{12,64}$");
  public static final Pattern PID = Pattern.compile("^[1-9][0-9]{0,9}$");

  private ShellQuote() {}

  /** {@code abc'd} becomes {@code 'abc'\''d'}: safe for any byte sequence in POSIX sh. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Quotes a container name or id after checking it looks like one. */
  public static String container(String nameOrId) {
    if (nameOrId == null
        || !(CONTAINER_NAME.matcher(nameOrId).matches() || CONTAINER_ID.matcher(nameOrId).matches())) {
      throw new IllegalArgumentException("refusing unsafe container name: " + printable(nameOrId));
    }
    return quote(nameOrId);
  }

  /** Quotes a PID after checking it is a plain positive number. */
  public static String pid(int pid) {
    String s = Integer.toString(pid);
    if (!PID.matcher(s).matches()) {
      throw new IllegalArgumentException("refusing unsafe pid: " + s);
    }
    return s;
  }

  private static String printable(String s) {
    if (s == null) return "null";
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
