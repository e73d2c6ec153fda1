package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./rack dev} on the {@code temporal} CLI's dev server: loops survive a restart of
 * {@code ./rack dev}, and a {@code ./rack dev} that is SIGKILLed takes its server with it.
 */
class RealDevServerTest {
  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void config() throws Exception {
    RealTemporal.cliOrSkip();
    config = dir.resolve("rack.yaml");
    // Its own task queue: the loop runs only on this ./rack dev's worker.
    Files.writeString(config, """
        temporal: {taskQueue: rack-restart-test}
        hosts:
          - {name: here, local: true, interval: 1h}
        loops: {settle: 4s, stabilization: 4s, verifyEvery: 2s}
        """);
  }

  private RackProcess.Result rack(RealDev dev, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    RackProcess.Result r = RackProcess.run(Map.of("TEMPORAL_ADDRESS", dev.address()), all.toArray(String[]::new));
    assertEquals(0, r.exitCode(), "rack " + String.join(" ", args) + ":\n" + r.output());
    return r;
  }

  private String phase(RealDev dev, String loopId) throws Exception {
    return new ObjectMapper().readTree(rack(dev, "loop", "show", loopId, "--json").output()).path("phase").asText();
  }

  private void awaitPhase(RealDev dev, String loopId, String phase) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String now = "";
    while (System.nanoTime() < deadline) {
      now = phase(dev, loopId);
      if (phase.equals(now)) return;
      Thread.sleep(500);
    }
    throw new AssertionError(loopId + " never reached " + phase + " (now " + now + ")");
  }

  private static void awaitGone(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && processes.stream().anyMatch(ProcessHandle::isAlive)) Thread.sleep(200);
    assertFalse(processes.stream().anyMatch(ProcessHandle::isAlive),
        "still running: " + processes.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
  }

  @Test
  void aLoopSurvivesARestartOfRackDevAndCompletes() throws Exception {
    Path state = dir.resolve("state");
    int port = RealTemporal.freePort();
    int uiPort = RealTemporal.freePort();
    String loopId;
    try (RealDev dev = RealDev.start(config, state, port, uiPort)) {
      dev.process.awaitLine(l -> l.equals("rack dev: Web UI " + dev.uiUrl()), Duration.ofSeconds(5));
      dev.process.awaitLine(l -> l.contains("here: health "), Duration.ofSeconds(60));
      loopId = rack(dev, "loop", "start", "incident", "--host", "here", "--summary", "restart test " + System.nanoTime())
          .output().strip().replace("started ", "");
      awaitPhase(dev, loopId, "AWAITING_PR");
      List<ProcessHandle> server = dev.process.descendants();
      assertFalse(server.isEmpty(), "./rack dev started no server process");
      dev.close();
      awaitGone(server, Duration.ofSeconds(20));
    }
    assertTrue(Files.size(state.resolve("temporal.db")) > 0, "no database in the state directory");

    try (RealDev again = RealDev.start(config, state, port, uiPort)) {
      assertEquals("AWAITING_PR", phase(again, loopId), "the loop after the restart");
      rack(again, "pr", "opened", loopId, "--number", "7", "--url", "https://git.example/pr/7", "--branch", "rack/" + loopId);
      rack(again, "pr", "merged", loopId, "--number", "7", "--url", "https://git.example/pr/7");
      awaitPhase(again, loopId, "RESOLVED");
    }
  }

  @Test
  void aKilledRackDevTakesItsServerWithIt() throws Exception {
    RealDev dev = RealDev.start(config, dir.resolve("state"));
    try {
      List<ProcessHandle> server = dev.process.descendants();
      assertTrue(server.stream().anyMatch(p -> p.info().commandLine().orElse("").contains("start-dev")),
          "no temporal server start-dev among " + server.stream().map(p -> p.info().commandLine().orElse("?")).toList());
      dev.process.kill(); // SIGKILL: no shutdown hook runs, only the closed pipe tells the watchdog
      awaitGone(server, Duration.ofSeconds(20));
    } finally {
      dev.close();
    }
  }
}
