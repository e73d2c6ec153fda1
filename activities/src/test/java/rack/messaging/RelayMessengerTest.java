package rack.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.config.People;
import rack.config.RelaySettings;

class RelayMessengerTest {
  private static final String SECRET = "s3cr3t-relay-token";
  private static final OkHttpClient CLIENT = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();

  @StartStop private final MockWebServer relay = new MockWebServer();
  @TempDir Path dir;

  private RelayMessenger messenger() throws Exception {
    Path secretFile = dir.resolve("relay.secret");
    Files.writeString(secretFile, SECRET + "\n");
    return new RelayMessenger(new RelaySettings(relay.url("/send").toString(), secretFile.toString(), "rack-agent"),
        new People("alice", "bob"), CLIENT);
  }

  @Test
  void postsTheExactHeadersAndBody() throws Exception {
    relay.enqueue(new MockResponse.Builder().code(200).build());
    messenger().send(new Message(MessageKind.LOOP_STARTED, "Staging anomaly detected: api \"down\".", "incident-x/started"));

    RecordedRequest request = relay.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST", request.getMethod());
    assertEquals("/send", request.getUrl().encodedPath());
    assertEquals("application/json", request.getHeaders().get("Content-Type"));
    assertEquals(SECRET, request.getHeaders().get("X-Relay-Secret"));
    assertEquals("incident-x/started", request.getHeaders().get("Idempotency-Key"));
    assertEquals("{\"from\":\"rack-agent\",\"to\":\"alice\",\"message\":\"Staging anomaly detected: api \\\"down\\\".\"}",
        request.getBody().utf8());
  }

  @Test
  void developerMessagesGoToTheDeveloper() throws Exception {
    relay.enqueue(new MockResponse.Builder().code(202).build());
    messenger().send(new Message(MessageKind.DIAGNOSTIC_REPORT, "report", "k"));
    assertTrue(relay.takeRequest(5, TimeUnit.SECONDS).getBody().utf8().contains("\"to\":\"bob\""));
  }

  @Test
  void aServerErrorIsRetryableAndTheRetryIsDeliveredOnce() throws Exception {
    RelayMessenger messenger = messenger();
    relay.enqueue(new MockResponse.Builder().code(500).body("upstream down").build());
    relay.enqueue(new MockResponse.Builder().code(200).build());
    Message message = new Message(MessageKind.PR_READY, "PR ready for approval: fix/api.", "k-pr");

    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> messenger.send(message));
    assertFalse(failure.isNonRetryable());
    assertEquals(RelayMessenger.RELAY_UNAVAILABLE, failure.getType());

    messenger.send(message);
    messenger.send(message);
    assertEquals(2, relay.getRequestCount(), "the third send must be answered from memory");
  }

  @Test
  void aRejectedSecretIsNonRetryableAndNeverInTheMessage() throws Exception {
    relay.enqueue(new MockResponse.Builder().code(401).body("bad secret " + SECRET).build());
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> messenger().send(new Message(MessageKind.LOOP_STARTED, "hi", "k")));

    assertTrue(failure.isNonRetryable());
    assertEquals(RelayMessenger.AUTH_REJECTED, failure.getType());
    assertTrue(failure.getOriginalMessage().contains("rejected our secret"));
    assertFalse(failure.getMessage().contains(SECRET));
  }

  @Test
  void aMissingSecretFileIsNonRetryableAndSendsNothing() {
    RelayMessenger messenger = new RelayMessenger(new RelaySettings(relay.url("/send").toString(),
        dir.resolve("absent").toString(), null), People.defaults(), CLIENT);
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> messenger.send(new Message(MessageKind.LOOP_STARTED, "hi", "k")));
    assertTrue(failure.isNonRetryable());
    assertEquals(RelayMessenger.SECRET_MISSING, failure.getType());
    assertTrue(failure.getOriginalMessage().contains("does not exist"));
    assertEquals(0, relay.getRequestCount());
  }

  @Test
  void theConsolePrintsOncePerKey() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleMessenger console = new ConsoleMessenger(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    console.send(new Message(MessageKind.LOOP_RESOLVED, "resolved", "k1"));
    console.send(new Message(MessageKind.LOOP_RESOLVED, "resolved", "k1"));
    console.send(new Message(MessageKind.PR_REMINDER, "any PR?", "k2"));
    assertEquals("[to ceo] resolved\n[to developer] any PR?\n", bytes.toString(StandardCharsets.UTF_8));
  }
}
