package rack.probe.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerParsersTest {
  private static final String WORKER = "471567a67e0917a67f802ec7cfa8fce5e4380f8ecfdf7925ee676098dcc46efa";

  @Test
  void dockerPsOfTheLab() {
    Parsed<List<DockerPsParser.Row>> parsed = DockerPsParser.parse(Fixtures.read("lab-docker-ps.jsonl"));
    assertEquals(List.of("worker", "web", "api"), parsed.value().stream().map(DockerPsParser.Row::name).toList());
    DockerPsParser.Row worker = parsed.value().get(0);
    assertEquals(WORKER, worker.id());
    assertEquals("running", worker.state());
    assertEquals("rack-lab-busybox:latest", worker.image());
    assertTrue(parsed.notes().isEmpty(), parsed.notes()::toString);
  }

  @Test
  void dockerPsReadsComposeLabels() {
    String output = """
        {"ID":"aaaaaaaaaaaa","Names":"shop-orders-1","Image":"x","State":"running","Status":"Up 2 minutes","Labels":"com.docker.compose.config-hash=ab12,com.docker.compose.project=shop,com.docker.compose.project.config_files=/srv/shop/compose.yaml,/srv/shop/override.yaml,com.docker.compose.service=orders,com.docker.compose.version=2.29.1"}
        {"ID":"bbbbbbbbbbbb","Names":"adhoc","Image":"x","State":"running","Status":"Up 2 minutes","Labels":""}
        {"ID":"cccccccccccc","Names":"evil","Image":"x","State":"running","Status":"Up","Labels":"com.docker.compose.service=$(reboot),com.docker.compose.project=ok"}
        """;
    List<DockerPsParser.Row> rows = DockerPsParser.parse(output).value();
    assertEquals("shop", rows.get(0).composeProject());
    assertEquals("orders", rows.get(0).composeService());
    assertNull(rows.get(1).composeService());
    assertNull(rows.get(2).composeService(), "a label value that is not a name is dropped");
    assertEquals("ok", rows.get(2).composeProject());
  }

  @Test
  void dockerPsKeepsHostileNamesAsDataAndNotesBrokenLines() {
    String output = """
        {"ID":"aaaaaaaaaaaa","Names":"a;rm -rf /,alias","Image":"x","State":"exited","Status":"Exited (1) 2 minutes ago"}
        {"ID":"bbbbbbbbbbbb","Names":"$(reboot)`id`","Image":"x","Status":"Up 2 minutes"}
        {"ID":"cccccccccccc","Names":"trunc
        \u0000\u0001binary
        """;
    Parsed<List<DockerPsParser.Row>> parsed = DockerPsParser.parse(output);
    assertEquals(List.of("a;rm -rf /", "$(reboot)`id`"), parsed.value().stream().map(DockerPsParser.Row::name).toList());
    assertEquals("running", parsed.value().get(1).state(), "state derived from Status when State is absent");
    assertEquals(1, parsed.notes().size(), parsed.notes()::toString);
    assertTrue(parsed.notes().get(0).startsWith("docker ps: 2 unreadable line(s)"), parsed.notes().get(0));
  }

  @Test
  void dockerInspectOfTheLab() {
    Map<String, DockerInspectParser.Row> rows = DockerInspectParser.parse(Fixtures.read("lab-docker-inspect.jsonl")).value();
    assertEquals(3, rows.size());
    DockerInspectParser.Row worker = rows.get(WORKER);
    assertEquals("unless-stopped", worker.restartPolicy());
    assertNull(worker.exitCode(), "a running container has no exit code");
    assertFalse(worker.oomKilled());
  }

  @Test
  void dockerInspectOfAnOomKilledCrashLoop() {
    String line = "{\"Id\":\"" + WORKER + "\",\"Name\":\"/w\",\"RestartCount\":7,\"State\":{\"Running\":false,"
        + "\"OOMKilled\":true,\"ExitCode\":137},\"RestartPolicy\":{\"MaximumRetryCount\":5,\"Name\":\"on-failure\"},"
        + "\"MemoryLimit\":67108864}";
    DockerInspectParser.Row row = DockerInspectParser.parse(line).value().get(WORKER);
    assertEquals(new DockerInspectParser.Row(WORKER, 7, true, 137, "on-failure:5", 67108864), row);
  }

  @Test
  void cgroupMemoryOfTheLabSubtractsInactiveFilesAndTreatsHugeLimitsAsNone() {
    Map<String, CgroupMemoryParser.Row> rows = CgroupMemoryParser.parse(Fixtures.read("lab-cgroup-memory.tsv")).value();
    assertEquals(new CgroupMemoryParser.Row(WORKER, 815104 - 12288, null), rows.get(WORKER));
  }

  @Test
  void cgroupMemoryV2WithALimitAndGarbage() {
    Parsed<Map<String, CgroupMemoryParser.Row>> parsed =
        CgroupMemoryParser.parse("abc\tv2\t1000\t4000\t100\nabd\tv2\t10\tmax\t0\nabe\tv3\tx\n");
    assertEquals(new CgroupMemoryParser.Row("abc", 900, 4000L), parsed.value().get("abc"));
    assertNull(parsed.value().get("abd").limitBytes());
    assertEquals(1, parsed.notes().size());
  }

  @Test
  void dockerStatsOfTheLab() {
    DockerStatsParser.Row worker = DockerStatsParser.parse(Fixtures.read("lab-docker-stats.jsonl")).value().get(WORKER);
    assertEquals(0.15, worker.cpuPercent());
    assertEquals(892L * 1024, worker.memUsageBytes());
    assertEquals(Math.round(23.54 * 1024 * 1024 * 1024), worker.memLimitBytes());
    assertEquals(1_500_000_000L, DockerStatsParser.bytes("1.5GB"));
    assertNull(DockerStatsParser.bytes("--"));
  }
}
