package rack.worker.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rack.config.GithubSettings;
import rack.loop.IncidentLoopWorkflow;

/** Real HTTP requests, signed as GitHub signs them, to the real receiver in front of a test Temporal. */
class GithubWebhookServerTest {
  private static final String TASK_QUEUE = "webhook-test";
  private static final String SECRET = "webhook-test-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private GithubWebhookServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final WebhookSignature github = new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8));

  @BeforeEach
  void start() throws IOException {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(RecordingLoop.class);
    env.start();
    client = env.getWorkflowClient();
    Path secretFile = dir.resolve("github.secret");
    Files.writeString(secretFile, SECRET + "\n"); // the trailing newline is not part of the secret
    server = GithubWebhookServer.start(new GithubSettings(0, secretFile.toString()), client);
  }

  @AfterEach
  void stop() {
    server.close();
    env.close();
  }

  @ParameterizedTest
  @CsvSource({
      "opened,   false, prOpened",
      "reopened, false, prOpened",
      "closed,   true,  prMerged",
      "closed,   false, prClosed"})
  void eachPullRequestActionSignalsTheLoopNamedByARackBranch(String action, boolean merged, String signal) throws Exception {
    String loop = startLoop("incident-staging-service-down-api");

    HttpResponse<String> response = send(signed(pullRequest(action, merged, "rack/" + loop, "Fixes the restart loop")));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    assertEquals(loop, body.get("loop").asText());
    assertEquals(signal, body.get("signal").asText());
    assertEquals(List.of(signal + " #42 rack/" + loop + " https://github.com/acme/app/pull/42"), signals(loop));
  }

  @Test
  void fixBranchResolvesToTheLongestRunningLoopPrefix() throws Exception {
    String api = startLoop("incident-staging-service-down-api");
    String gateway = startLoop("incident-staging-service-down-api-gateway");

    assertEquals(200, send(signed(pullRequest("opened", false, "fix/" + gateway + "-timeouts", null))).statusCode());
    assertEquals(200, send(signed(pullRequest("opened", false, "fix/" + api + "-restart-policy", null))).statusCode());

    assertEquals(List.of("prOpened #42 fix/" + gateway + "-timeouts https://github.com/acme/app/pull/42"), signals(gateway));
    assertEquals(List.of("prOpened #42 fix/" + api + "-restart-policy https://github.com/acme/app/pull/42"), signals(api));
  }

  @Test
  void rackLoopLineInTheBodyNamesTheLoopWhenTheBranchDoesNot() throws Exception {
    String loop = startLoop("anomaly-lab-miner-process-xmrig");
    String body = "Remove the cron persistence.\r\n\r\nRack-Loop: " + loop + "\r\n";

    HttpResponse<String> response = send(signed(pullRequest("closed", true, "harden-cron", body)));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(List.of("prMerged #42 harden-cron https://github.com/acme/app/pull/42"), signals(loop));
  }

  @Test
  void forgedSignatureIsRejectedAndSignalsNothing() throws Exception {
    String loop = startLoop("incident-staging-service-down-api");
    byte[] payload = pullRequest("opened", false, "rack/" + loop, null);
    WebhookSignature attacker = new WebhookSignature("guessed".getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response = send(request(payload).header(WebhookSignature.HEADER, attacker.sign(payload)));

    assertEquals(401, response.statusCode());
    assertEquals(List.of(), signals(loop));
  }

  @Test
  void signatureOfAnotherBodyIsRejected() throws Exception {
    String loop = startLoop("incident-staging-service-down-api");
    byte[] genuine = pullRequest("closed", false, "rack/" + loop, null);
    byte[] tampered = pullRequest("closed", true, "rack/" + loop, null);

    HttpResponse<String> response = send(request(tampered).header(WebhookSignature.HEADER, github.sign(genuine)));

    assertEquals(401, response.statusCode());
    assertEquals(List.of(), signals(loop));
  }

  @Test
  void unsignedRequestIsRejectedAndSignalsNothing() throws Exception {
    String loop = startLoop("incident-staging-service-down-api");

    HttpResponse<String> response = send(request(pullRequest("opened", false, "rack/" + loop, null)));

    assertEquals(401, response.statusCode());
    assertEquals(List.of(), signals(loop));
  }

  @Test
  void unknownOrFinishedLoopIsAcceptedAndIgnored() throws Exception {
    String finished = startLoop("incident-staging-disk-full-var");
    client.newUntypedWorkflowStub(finished).terminate("test: the loop is over");

    HttpResponse<String> unknown = send(signed(pullRequest("opened", false, "rack/incident-nowhere-service-down-x", null)));
    HttpResponse<String> over = send(signed(pullRequest("opened", false, "rack/" + finished, null)));
    HttpResponse<String> unnamed = send(signed(pullRequest("opened", false, "feature/dark-mode", "no loop here")));

    assertEquals(202, unknown.statusCode(), unknown.body());
    assertEquals(202, over.statusCode(), over.body());
    assertEquals(202, unnamed.statusCode(), unnamed.body());
  }

  @Test
  void pingAndIrrelevantActionsSignalNothing() throws Exception {
    String loop = startLoop("incident-staging-service-down-api");

    HttpResponse<String> ping = send(signed("{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8), "ping"));
    HttpResponse<String> edited = send(signed(pullRequest("edited", false, "rack/" + loop, null)));
    HttpResponse<String> push = send(signed(pullRequest("opened", false, "rack/" + loop, null), "push"));

    assertEquals(200, ping.statusCode());
    assertEquals(202, edited.statusCode());
    assertEquals(202, push.statusCode());
    assertEquals(List.of(), signals(loop));
  }

  @Test
  void signedPayloadThatIsNoPullRequestIsABadRequest() throws Exception {
    HttpResponse<String> notJson = send(signed("opened".getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> noPr = send(signed("{\"action\":\"opened\",\"number\":1}".getBytes(StandardCharsets.UTF_8)));

    assertEquals(400, notJson.statusCode());
    assertEquals(400, noPr.statusCode());
  }

  @Test
  void declaredOversizePayloadIsRejectedBeforeItIsSent() throws Exception {
    // Announce 2 MiB but send none of it: the answer must come without the server waiting for the body.
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /github HTTP/1.1\r\nHost: localhost\r\nX-GitHub-Event: pull_request\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + 2 * GithubWebhookServer.MAX_PAYLOAD_BYTES + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine = firstLine(socket.getInputStream());
      assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
    }
  }

  @Test
  void streamedOversizePayloadIsRejected() throws Exception {
    String loop = startLoop("incident-staging-service-down-api");
    byte[] huge = new byte[GithubWebhookServer.MAX_PAYLOAD_BYTES + 10];
    Arrays.fill(huge, (byte) ' ');
    // No Content-Length (chunked), so the server has to count while reading; signed to show size wins.
    HttpRequest request = request(huge)
        .header(WebhookSignature.HEADER, github.sign(huge))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
        .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(413, response.statusCode());
    assertEquals(List.of(), signals(loop));
  }

  @Test
  void onlyPostToTheWebhookPathsIsServed() throws Exception {
    URI base = URI.create("http://127.0.0.1:" + server.port());
    byte[] payload = pullRequest("opened", false, "rack/incident-x-service-down-y", null);

    HttpResponse<String> get = http.send(HttpRequest.newBuilder(base.resolve("/github")).GET().build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(base.resolve("/admin"))
        .header(WebhookSignature.HEADER, github.sign(payload)).POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> root = http.send(HttpRequest.newBuilder(base.resolve("/"))
        .header(WebhookSignature.HEADER, github.sign(payload)).header("X-GitHub-Event", "ping")
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(405, get.statusCode());
    assertEquals(404, elsewhere.statusCode());
    assertEquals(200, root.statusCode());
  }

  // --- helpers -------------------------------------------------------------------------------

  private String startLoop(String id) {
    IncidentLoopWorkflow loop = client.newWorkflowStub(IncidentLoopWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TASK_QUEUE).build());
    WorkflowClient.start(loop::run, null);
    return id;
  }

  @SuppressWarnings("unchecked")
  private List<String> signals(String loop) {
    WorkflowStub stub = client.newUntypedWorkflowStub(loop);
    return stub.query(SignalLog.QUERY, List.class);
  }

  /** A payload shaped like GitHub's pull_request event (the fields rack reads, plus some it does not). */
  private static byte[] pullRequest(String action, boolean merged, String branch, String body) throws IOException {
    ObjectNode root = JSON.createObjectNode().put("action", action).put("number", 42);
    ObjectNode pr = root.putObject("pull_request")
        .put("number", 42)
        .put("html_url", "https://github.com/acme/app/pull/42")
        .put("state", action.equals("closed") ? "closed" : "open")
        .put("title", "Fix it")
        .put("body", body)
        .put("merged", merged);
    pr.putObject("head").put("ref", branch).put("sha", "0123456789abcdef0123456789abcdef01234567");
    pr.putObject("base").put("ref", "main");
    root.putObject("repository").put("full_name", "acme/app");
    return JSON.writeValueAsBytes(root);
  }

  private HttpRequest.Builder request(byte[] payload) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/github"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
  }

  private HttpRequest.Builder signed(byte[] payload) {
    return request(payload).header(WebhookSignature.HEADER, github.sign(payload));
  }

  private HttpRequest.Builder signed(byte[] payload, String event) {
    return signed(payload).setHeader("X-GitHub-Event", event);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String firstLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) line.append((char) c);
    return line.toString().strip();
  }
}
