package rack.worker.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's webhook signature: header {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw
 * body>} keyed with the webhook secret. The secret stays inside this object; {@link #toString()}
 * does not show it.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public WebhookSignature(byte[] secret) {
    if (secret.length == 0) {
      // An empty key would let anyone compute a valid signature.
      throw new IllegalArgumentException("the webhook secret is empty");
    }
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  /**
   * Reads the secret from a file. Surrounding whitespace is dropped: secret files usually end with
   * a newline that is not part of the secret typed into GitHub.
   */
  public static WebhookSignature fromFile(Path file) throws IOException {
    String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (secret.isEmpty()) throw new IOException("the webhook secret file " + file + " is empty");
    return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** The header value GitHub would send for this body. */
  public String sign(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(body));
  }

  /** True only for a well-formed header whose HMAC matches the body; compared in constant time. */
  public boolean verify(byte[] body, String header) {
    if (header == null || !header.startsWith(PREFIX)) return false;
    byte[] claimed;
    try {
      claimed = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac(body), claimed);
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[sha256, secret hidden]";
  }
}
