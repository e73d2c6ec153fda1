package rack.worker.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSignatureTest {
  /** The example in GitHub's "Validating webhook deliveries" documentation. */
  private static final String DOC_SECRET = "It's a Secret to Everybody";
  private static final byte[] DOC_PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String DOC_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private final WebhookSignature signature = new WebhookSignature(DOC_SECRET.getBytes(StandardCharsets.UTF_8));

  @Test
  void matchesGithubsDocumentedExample() {
    assertEquals(DOC_SIGNATURE, signature.sign(DOC_PAYLOAD));
    assertTrue(signature.verify(DOC_PAYLOAD, DOC_SIGNATURE));
  }

  @Test
  void rejectsMalformedOrMismatchingHeaders() {
    assertFalse(signature.verify(DOC_PAYLOAD, null));
    assertFalse(signature.verify(DOC_PAYLOAD, ""));
    assertFalse(signature.verify(DOC_PAYLOAD, DOC_SIGNATURE.substring("sha256=".length())));
    assertFalse(signature.verify(DOC_PAYLOAD, "sha1=757107ea0eb2509fc211221cce984b8a37570b6d"));
    assertFalse(signature.verify(DOC_PAYLOAD, "sha256=not-hex"));
    assertFalse(signature.verify(DOC_PAYLOAD, DOC_SIGNATURE.substring(0, 40)));
    assertFalse(signature.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), DOC_SIGNATURE));
  }

  @Test
  void secretFileIsReadWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), DOC_SECRET + "\n");
    assertEquals(DOC_SIGNATURE, WebhookSignature.fromFile(file).sign(DOC_PAYLOAD));
    assertFalse(WebhookSignature.fromFile(file).toString().contains(DOC_SECRET));
  }

  @Test
  void refusesAnEmptySecret(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), " \n");
    assertThrows(java.io.IOException.class, () -> WebhookSignature.fromFile(file));
    assertThrows(IllegalArgumentException.class, () -> new WebhookSignature(new byte[0]));
  }
}
