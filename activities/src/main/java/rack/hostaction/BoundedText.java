package rack.hostaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import rack.shell.CommandResult;

/**
 * Host output as it may enter workflow history and reports: bounded, so one chatty command cannot
 * blow the payload limit, and digested, so a report can cite output it does not repeat.
 */
public final class BoundedText {
  private BoundedText() {}

  /** stdout, then stderr under a marker, then a note for a non-zero exit, a signal or a timeout. */
  public static String combined(CommandResult result) {
    StringBuilder text = new StringBuilder(result.stdout() == null ? "" : result.stdout());
    if (result.stderr() != null && !result.stderr().isBlank()) {
      if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') text.append('\n');
      text.append("[stderr]\n").append(result.stderr());
    }
    if (result.timedOut()) text.append("\n[timed out]");
    else if (result.exitCode() == null) text.append("\n[killed by a signal]");
    else if (result.exitCode() != 0) text.append("\n[exit ").append(result.exitCode()).append(']');
    if (result.truncated()) text.append("\n[output truncated by the shell]");
    return text.toString();
  }

  /** The first {@code maxChars} characters, with a marker saying how much was cut. */
  public static String head(String text, int maxChars) {
    if (text == null) return "";
    if (text.length() <= maxChars) return text;
    return text.substring(0, maxChars) + "\n[... " + (text.length() - maxChars) + " more chars]";
  }

  /** The last {@code maxChars} characters: for logs, where the newest lines matter most. */
  public static String tail(String text, int maxChars) {
    if (text == null) return "";
    if (text.length() <= maxChars) return text;
    return "[... " + (text.length() - maxChars) + " earlier chars]\n" + text.substring(text.length() - maxChars);
  }

  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
