package rack.probe.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rack.model.HostSnapshot.AuthorizedKey;

/**
 * authorized_keys of root and of every /home user. The key itself is never kept: each line becomes
 * its OpenSSH fingerprint ({@code SHA256:...}, as {@code ssh-keygen -lf} prints it), or, for a
 * line with no recognisable key, {@code line-sha256:<hex>} of the whole line.
 */
public final class AuthorizedKeysParser {
  /** Options (which may contain quoted spaces) come first; the key type is the first token like these. */
  private static final Pattern KEY =
      Pattern.compile("(?:^|\\s)((?:ssh|ecdsa|sk)-[A-Za-z0-9@.+-]+)\\s+([A-Za-z0-9+/]+={0,3})(?:\\s+(.*))?$");

  private AuthorizedKeysParser() {}

  public static String command(String nonce) {
    return "for f in /root/.ssh/authorized_keys /root/.ssh/authorized_keys2 "
        + "/home/*/.ssh/authorized_keys /home/*/.ssh/authorized_keys2; do [ -f \"$f\" ] || continue; "
        + Sections.marker(nonce) + "; cat \"$f\"; echo; done; true";
  }

  public static Parsed<List<AuthorizedKey>> parse(String output, String nonce) {
    List<String> notes = new ArrayList<>();
    List<AuthorizedKey> keys = new ArrayList<>();
    for (Map.Entry<String, List<String>> file : Sections.split(output, nonce, "authorized_keys", notes).entrySet()) {
      for (String line : file.getValue()) {
        if (Sections.active(line)) {
          keys.add(key(file.getKey(), line.strip()));
        }
      }
    }
    return Parsed.of(keys, notes);
  }

  private static AuthorizedKey key(String file, String line) {
    Matcher m = KEY.matcher(line);
    if (m.find()) {
      byte[] blob = decode(m.group(2));
      if (blob != null) {
        String fingerprint = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(blob));
        return new AuthorizedKey(file, fingerprint, m.group(1), m.group(3) == null ? null : m.group(3).strip());
      }
    }
    String digest = "line-sha256:" + HexFormat.of().formatHex(sha256(line.getBytes(StandardCharsets.UTF_8)));
    return new AuthorizedKey(file, digest, null, null);
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
