package rack.worker.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.loop.IncidentLoopWorkflow;
import rack.worker.temporal.CliDevServer;
import rack.worker.temporal.StateDirectory;
import rack.worker.temporal.TemporalCli;

class PullRequestSignalerTest {
  @TempDir Path dir;

  @Test
  void theQueryNamesEveryCandidateAndOnlyRunningLoops() {
    assertEquals("WorkflowId IN ('incident-a-x', 'incident-a') AND ExecutionStatus = 'Running'",
        PullRequestSignaler.runningQuery(List.of("incident-a-x", "incident-a")));
  }

  /** GithubWebhookServerTest covers the test server, where every candidate is signalled in turn. */
  @Test
  void onARealServerOnlyRunningCandidatesAreSignalledInTheirOrder() throws Exception {
    Optional<Path> cli = TemporalCli.find(System.getenv(), TemporalCli.rackHome(Map.of()));
    if (cli.isEmpty()) {
      if ("real".equals(System.getenv("RACK_TEST_TEMPORAL"))) Assertions.fail("RACK_TEST_TEMPORAL=real but no temporal CLI");
      Assumptions.abort("no temporal CLI (.ci/install-tools): real-server visibility test skipped");
    }
    try (CliDevServer server = CliDevServer.start(cli.get(), StateDirectory.resolve(dir.toString(), Map.of()), freePort(), freePort(), "default")) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        // No worker: a started workflow is Running until terminated, which is all the query sees.
        start(client, "incident-s-service-down-api-gateway");
        start(client, "incident-s-service-down-api");
        start(client, "incident-s-service-down-api-gateway-timeouts");
        client.newUntypedWorkflowStub("incident-s-service-down-api-gateway-timeouts").terminate("closed loop");
        List<String> candidates = LoopReference.candidates("fix/incident-s-service-down-api-gateway-timeouts", null);
        assertEquals(List.of("incident-s-service-down-api-gateway-timeouts", "incident-s-service-down-api-gateway",
            "incident-s-service-down-api", "incident-s-service-down", "incident-s-service", "incident-s"), candidates);

        PullRequestSignaler signaler = new PullRequestSignaler(client);
        List<String> expected = List.of("incident-s-service-down-api-gateway", "incident-s-service-down-api");
        List<String> running = signaler.runningFirst(candidates);
        long deadline = System.nanoTime() + 15_000_000_000L; // visibility is eventually consistent
        while (!running.equals(expected) && System.nanoTime() < deadline) {
          Thread.sleep(200);
          running = signaler.runningFirst(candidates);
        }
        assertEquals(expected, running);
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static void start(WorkflowClient client, String id) {
    IncidentLoopWorkflow loop = client.newWorkflowStub(IncidentLoopWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue("no-worker").build());
    WorkflowClient.start(loop::run, null);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
