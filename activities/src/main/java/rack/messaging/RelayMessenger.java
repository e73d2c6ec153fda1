package rack.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rack.config.People;
import rack.config.RelaySettings;

/**
 * Sends messages through the message relay (DESIGN A6): {@code POST <url>} with the secret read from
 * its file at send time, so it never enters workflow history and a rotated secret is picked up
 * without a restart. The secret is never logged and never part of an exception message.
 *
 * <p>Failures: 5xx, 408, 429 and I/O errors are retryable (Temporal retries with backoff); 401/403
 * mean the relay rejects our secret, which no retry fixes, so they fail for good and log an ERROR
 * for a human. Other 4xx are our bug: non-retryable too. Connection-failure retries inside OkHttp are
 * off for this POST, so only Temporal retries, and each retry carries the same Idempotency-Key.
 */
public final class RelayMessenger implements Messenger {
  public static final String AUTH_REJECTED = "RelayAuthRejected";
  public static final String SECRET_MISSING = "RelaySecretMissing";
  public static final String RELAY_UNAVAILABLE = "RelayUnavailable";
  public static final String REQUEST_REJECTED = "RelayRequestRejected";
  private static final Logger log = LoggerFactory.getLogger(RelayMessenger.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final RelaySettings relay;
  private final People people;
  private final OkHttpClient client;
  private final DeliveredKeys delivered = new DeliveredKeys(10_000);

  /** @param sharedClient the worker's one client; this derives a view that shares its pool */
  public RelayMessenger(RelaySettings relay, People people, OkHttpClient sharedClient) {
    this.relay = relay;
    this.people = people;
    this.client = sharedClient.newBuilder().retryOnConnectionFailure(false).build();
  }

  @Override
  public void send(Message message) {
    if (delivered.contains(message.idempotencyKey())) {
      log.info("relay: {} already delivered by this worker, not resending", message.idempotencyKey());
      return;
    }
    String secret = readSecret();
    String to = message.recipient() == Recipient.CEO ? people.ceo() : people.developer();
    Request request = new Request.Builder()
        .url(relay.url())
        .header("X-Relay-Secret", secret)
        .header("Idempotency-Key", message.idempotencyKey() == null ? "" : message.idempotencyKey())
        // A fresh connection per message: a pooled one the relay has already closed would fail
        // this POST (OkHttp's own retry is off for it) and cost a Temporal retry. Messages are few.
        .header("Connection", "close")
        .post(RequestBody.create(body(to, message.text()).getBytes(StandardCharsets.UTF_8), JSON))
        .build();
    try (Response response = client.newCall(request).execute()) {
      int code = response.code();
      if (response.isSuccessful()) {
        delivered.add(message.idempotencyKey());
        log.info("relay: delivered {} to {} ({})", message.kind(), to, message.idempotencyKey());
        return;
      }
      String detail = scrub(bodyExcerpt(response), secret);
      if (code == 401 || code == 403) {
        log.error("relay rejected our secret (HTTP {}) for {}: check {} and escalate", code, relay.url(), relay.secretFile());
        throw ApplicationFailure.newNonRetryableFailure("relay " + relay.url() + " rejected our secret (HTTP " + code
            + "); check the secret file " + relay.secretFile() + " and escalate: " + detail, AUTH_REJECTED);
      }
      if (code >= 500 || code == 408 || code == 429) {
        throw ApplicationFailure.newFailure("relay " + relay.url() + " answered HTTP " + code + ": " + detail, RELAY_UNAVAILABLE);
      }
      throw ApplicationFailure.newNonRetryableFailure("relay " + relay.url() + " refused the request with HTTP " + code + ": " + detail,
          REQUEST_REJECTED);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("relay " + relay.url() + " unreachable: " + scrub(String.valueOf(e.getMessage()), secret),
          RELAY_UNAVAILABLE);
    }
  }

  private String readSecret() {
    if (relay.secretFile() == null || relay.secretFile().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("relay.secretFile is not configured", SECRET_MISSING);
    }
    try {
      String secret = Files.readString(Path.of(relay.secretFile()), StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw ApplicationFailure.newNonRetryableFailure("relay secret file " + relay.secretFile() + " is empty", SECRET_MISSING);
      }
      return secret;
    } catch (NoSuchFileException e) {
      throw ApplicationFailure.newNonRetryableFailure("relay secret file " + relay.secretFile() + " does not exist", SECRET_MISSING);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure("relay secret file " + relay.secretFile() + " is not readable: "
          + e.getClass().getSimpleName(), SECRET_MISSING);
    }
  }

  private String body(String to, String text) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("from", relay.from());
    body.put("to", to);
    body.put("message", text);
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  private static String bodyExcerpt(Response response) {
    try {
      String body = response.body().string();
      return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    } catch (IOException e) {
      return "(no body)";
    }
  }

  /** A relay might echo the request back; the secret must not travel on in a failure message. */
  private static String scrub(String text, String secret) {
    return text.replace(secret, "***");
  }
}
