package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./rack check} against the real lab host finds each injected fault with the right kind and
 * severity, and calls the healthy lab healthy. Stateful thresholds are checked with {@code --state},
 * which carries baselines between checks the way the monitor does.
 */
@Tag("lab")
class LabCheckE2ETest {
  @TempDir Path dir;

  @BeforeAll
  static void labIsUp() {
    Lab.requireUp();
  }

  private record Check(int exitCode, List<String> findings, String output) {}

  private Check check(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("check", Lab.HOST, "--config", Lab.CONFIG.toString(), "--json"));
    args.addAll(List.of(extra));
    RackProcess.Result r = RackProcess.run(Map.of(), args.toArray(String[]::new));
    assertTrue(r.exitCode() == 0 || r.exitCode() == 1, "exit " + r.exitCode() + ": " + r.output());
    String json = r.output().substring(r.output().indexOf('{'));
    List<String> findings = new ArrayList<>();
    for (JsonNode f : Lab.json(json).path("evaluation").path("findings")) {
      findings.add(f.path("kind").asText() + "/" + f.path("severity").asText() + "/" + f.path("subject").asText());
    }
    return new Check(r.exitCode(), findings, r.output());
  }

  private static void assertFound(Check c, String kind, String severity, String subject) {
    assertEquals(1, c.exitCode(), c.output());
    assertTrue(c.findings().contains(kind + "/" + severity + "/" + subject), "expected " + kind + "/" + severity + "/" + subject + " in " + c.findings());
  }

  @Test
  void healthyLabIsHealthy() throws Exception {
    Check c = check();
    assertEquals(0, c.exitCode(), c.output());
    assertEquals(List.of(), c.findings());
  }

  @Test
  void stoppedContainerIsServiceDown() throws Exception {
    Lab.fault("stop", "api");
    try {
      Thread.sleep(3000); // the status page probes every 2 s
      assertFound(check(), "SERVICE_DOWN", "CRITICAL", "staging/api");
    } finally {
      Lab.fault("stop", "api", "undo");
    }
  }

  @Test
  void fullDisk() throws Exception {
    Lab.fault("disk", "90");
    try {
      assertFound(check(), "DISK_FULL", "HIGH", "/srv/data");
    } finally {
      Lab.fault("disk", "undo");
    }
  }

  @Test
  void oomKilledContainer() throws Exception {
    Lab.fault("oom", "web");
    try {
      Thread.sleep(5000);
      assertFound(check(), "CONTAINER_OOM", "HIGH", "web");
    } finally {
      Lab.fault("oom", "web", "undo");
    }
  }

  @Test
  void crashLoopingContainerRestartsTooOften() throws Exception {
    Path state = dir.resolve("state.json");
    check("--state", state.toString());
    Lab.fault("crashloop", "worker");
    try {
      Thread.sleep(12000);
      assertFound(check("--state", state.toString()), "CONTAINER_RESTARTING", "HIGH", "worker");
    } finally {
      Lab.fault("crashloop", "worker", "undo");
    }
  }

  @Test
  void minerIsCriticalAnomaly() throws Exception {
    Lab.fault("miner");
    try {
      Thread.sleep(2000);
      assertFound(check(), "MINER_PROCESS", "CRITICAL", "xmrig");
    } finally {
      Lab.fault("miner", "undo");
    }
  }

  @Test
  void preloadIsCriticalAnomaly() throws Exception {
    Lab.fault("preload");
    try {
      assertFound(check(), "LD_PRELOAD", "CRITICAL", "/etc/ld.so.preload");
    } finally {
      Lab.fault("preload", "undo");
    }
  }

  @Test
  void slowResponsesAgainstLearnedBaseline() throws Exception {
    Path state = dir.resolve("state.json");
    for (int i = 0; i < 4; i++) {
      Check healthy = check("--state", state.toString());
      assertEquals(0, healthy.exitCode(), healthy.findings().toString());
      Thread.sleep(2100);
    }
    Lab.fault("slow");
    try {
      Thread.sleep(4500);
      Check c = check("--state", state.toString());
      assertEquals(1, c.exitCode(), c.output());
      assertTrue(c.findings().stream().anyMatch(f -> f.startsWith("SLOW_RESPONSE/")), c.findings().toString());
    } finally {
      Lab.fault("slow", "undo");
    }
  }

  @Test
  void sustainedCpuOfAnUnknownProcess() throws Exception {
    Path state = dir.resolve("state.json");
    check("--state", state.toString());
    Lab.fault("cpu");
    try {
      Thread.sleep(3000);
      check("--state", state.toString());
      Thread.sleep(3000);
      Check c = check("--state", state.toString());
      assertTrue(c.findings().stream().anyMatch(f -> f.startsWith("UNKNOWN_CPU_PROCESS/") || f.startsWith("HOST_CPU/")), c.findings().toString());
    } finally {
      Lab.fault("cpu", "undo");
    }
  }
}
