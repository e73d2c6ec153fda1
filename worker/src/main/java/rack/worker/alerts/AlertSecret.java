package rack.worker.alerts;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import rack.worker.github.WebhookSignature;

/**
 * The shared secret alert senders prove they know, in whichever way the sender can:
 * <ul>
 *   <li>{@code Authorization: Bearer <secret>}: Alertmanager ({@code http_config.authorization}
 *       with {@code credentials_file}), Gatus ({@code headers}), Uptime Kuma (additional headers);
 *   <li>{@code X-Rack-Token: <secret>}: the same, for senders that reserve Authorization;
 *   <li>{@code X-Rack-Signature-256: sha256=<hex HMAC-SHA256 of the body>}: senders that sign.
 * </ul>
 * Tokens are compared through their SHA-256 digests with {@link MessageDigest#isEqual}, so neither
 * content nor length leaks through timing. The secret never leaves this object.
 */
public final class AlertSecret {
  public static final String TOKEN_HEADER = "X-Rack-Token";
  public static final String SIGNATURE_HEADER = "X-Rack-Signature-256";
  private static final String BEARER = "bearer ";

  private final byte[] digest;
  private final WebhookSignature hmac;

  public AlertSecret(byte[] secret) {
    if (secret.length == 0) throw new IllegalArgumentException("the alert secret is empty");
    this.digest = sha256(secret);
    this.hmac = new WebhookSignature(secret);
  }

  /** Surrounding whitespace is dropped: secret files usually end with a newline. */
  public static AlertSecret fromFile(Path file) throws IOException {
    String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (secret.isEmpty()) throw new IOException("the alert secret file " + file + " is empty");
    return new AlertSecret(secret.getBytes(StandardCharsets.UTF_8));
  }

  public boolean verify(byte[] body, Headers headers) {
    String authorization = headers.getFirst("Authorization");
    if (authorization != null && authorization.length() > BEARER.length()
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return tokenMatches(authorization.substring(BEARER.length()).strip());
    }
    String token = headers.getFirst(TOKEN_HEADER);
    if (token != null) return tokenMatches(token.strip());
    String signature = headers.getFirst(SIGNATURE_HEADER);
    return signature != null && hmac.verify(body, signature);
  }

  /** What a signing sender puts in {@value #SIGNATURE_HEADER} (tests, {@code lab/fault alert}). */
  public String sign(byte[] body) {
    return hmac.sign(body);
  }

  private boolean tokenMatches(String token) {
    return MessageDigest.isEqual(digest, sha256(token.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "AlertSecret[secret hidden]";
  }
}
