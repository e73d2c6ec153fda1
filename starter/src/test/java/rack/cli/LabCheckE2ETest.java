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
  void stoppedContainerIsServiceDownLinkedByItsComposeService() throws Exception {
    Lab.fault("stop", "api");
    try {
      Thread.sleep(3000); // the status page probes every 2 s
      Check c = check();
      assertFound(c, "SERVICE_DOWN", "CRITICAL", "staging/Orders API");
      assertLinked(c, "staging/Orders API", "shop-api-1", "compose");
    } finally {
      Lab.fault("stop", "api", "undo");
    }
  }

  /** "Storefront" shares no word with shop-web-1: only lab/rack.yaml's services map links them. */
  @Test
  void aServiceNamedUnlikeItsContainerIsLinkedByTheConfigMap() throws Exception {
    Lab.fault("stop", "web");
    try {
      Thread.sleep(3000);
      Check c = check();
      assertFound(c, "SERVICE_DOWN", "CRITICAL", "staging/Storefront");
      assertLinked(c, "staging/Storefront", "shop-web-1", "config");
    } finally {
      Lab.fault("stop", "web", "undo");
    }
  }

  /** The service's finding names the container a restart acts on, and the source of that link. */
  private static void assertLinked(Check c, String service, String container, String source) throws Exception {
    JsonNode json = Lab.json(c.output().substring(c.output().indexOf('{')));
    for (JsonNode f : json.path("evaluation").path("findings")) {
      if (f.path("subject").asText().equals(service)) {
        assertEquals(container, f.path("facts").path("container").asText(), f.toString());
        assertTrue(f.path("facts").path("linkedBy").asText().startsWith(source), f.toString());
        return;
      }
    }
    throw new AssertionError("no finding for " + service + " in " + c.output());
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
      assertFound(check(), "CONTAINER_OOM", "HIGH", "shop-web-1");
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
      assertFound(check("--state", state.toString()), "CONTAINER_RESTARTING", "HIGH", "shop-worker-1");
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
