package rack.probe.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.model.HostSnapshot.SystemdUnit;

/**
 * The check's shell sections run by the real {@code sh} against directory trees laid out like a
 * host's (the path prefix swapped for a temporary one): the cgroup v2 and systemd-driver layouts
 * this machine does not have, and a host without awk. The parsers then read what the shell printed.
 */
class SectionCommandsOnFakeTreesTest {
  private static final String V1_ID = "b".repeat(64);
  private static final String V2_ID = "a".repeat(64);

  @TempDir Path dir;

  @Test
  void containerMemoryIsReadFromV1AndV2CgroupsWithoutDocker() throws Exception {
    Path cg = dir.resolve("cgroup");
    Path v1 = Files.createDirectories(cg.resolve("memory/docker/" + V1_ID));
    Files.writeString(v1.resolve("memory.usage_in_bytes"), "7000\n");
    Files.writeString(v1.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
    Files.writeString(v1.resolve("memory.stat"), "cache 1\ntotal_inactive_file 2000\n");
    Path v2 = Files.createDirectories(cg.resolve("system.slice/docker-" + V2_ID + ".scope"));
    Files.writeString(v2.resolve("memory.current"), "1000\n");
    Files.writeString(v2.resolve("memory.max"), "4096\n");
    Files.writeString(v2.resolve("memory.stat"), "anon 5\ninactive_file 300\n");
    Files.createDirectories(cg.resolve("docker/not-a-container"));

    Map<String, CgroupMemoryParser.Row> rows =
        CgroupMemoryParser.parse(run(CgroupMemoryParser.COMMAND.replace("/sys/fs/cgroup", cg.toString()), null)).value();

    assertEquals(2, rows.size(), rows.toString());
    assertEquals(5000, rows.get(V1_ID).usageBytes());
    assertNull(rows.get(V1_ID).limitBytes(), "v1's page-rounded maximum is no limit");
    assertEquals(700, rows.get(V2_ID).usageBytes());
    assertEquals(4096L, rows.get(V2_ID).limitBytes());
  }

  @Test
  void containerCpuCountersAreReadFromAV2Cgroup() throws Exception {
    Path cg = dir.resolve("cgroup");
    Path v2 = Files.createDirectories(cg.resolve("docker/" + V2_ID));
    Files.writeString(v2.resolve("cpu.stat"), "usage_usec 4242\nuser_usec 4000\n");

    var readings = ContainerCpuParser.parse(run(ContainerCpuParser.COMMAND.replace("/sys/fs/cgroup", cg.toString()), null));

    assertEquals(4_242_000L, readings.value().get(V2_ID).usageNanos(), readings.toString());
    assertEquals(4_242_000L, readings.value().get(V2_ID).laterUsageNanos());
  }

  @Test
  void unitFilesAreListedWithOrWithoutAwk() throws Exception {
    Path units = Files.createDirectories(dir.resolve("systemd/system"));
    Files.writeString(units.resolve("app.service"), "[Service]\nExecStart=/usr/bin/app --serve\n");
    Files.writeString(units.resolve("empty.service"), "");
    Files.writeString(units.resolve("notes.txt"), "ExecStart=/not/a/unit\n");
    Path dropIn = Files.createDirectories(units.resolve("app.service.d"));
    Files.writeString(dropIn.resolve("override.conf"), "[Service]\nExecStart=\n  ExecStart = /usr/bin/app --other\n");
    String nonce = "0123456789abcdef";
    String command = SystemdUnitParser.command(nonce).replace("/etc/systemd/system", units.toString());

    List<SystemdUnit> withAwk = SystemdUnitParser.parse(run(command, null), nonce).value().units();
    // Only sh, grep and the shell's own tools: no awk on this PATH.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("sh", "grep")) {
      Files.copy(Path.of(which(tool)).toRealPath(), bin.resolve(tool), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    List<SystemdUnit> withoutAwk = SystemdUnitParser.parse(run(command, bin.toString()), nonce).value().units();

    for (List<SystemdUnit> listed : List.of(withAwk, withoutAwk)) {
      Map<String, String> exec = new java.util.HashMap<>();
      listed.forEach(u -> exec.put(u.name(), u.execStart()));
      assertEquals(Set.of("app.service", "override.conf", "empty.service"), exec.keySet(), listed.toString());
      assertEquals("/usr/bin/app --serve", exec.get("app.service"));
      assertEquals("/usr/bin/app --other", exec.get("override.conf"));
      assertNull(exec.get("empty.service"));
    }
    assertEquals(withAwk, withoutAwk);
  }

  private static String which(String tool) throws Exception {
    return run("command -v " + tool, null).strip();
  }

  /** Runs the snippet with sh -c, optionally on a PATH of its own, and returns stdout. */
  private static String run(String command, String path) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(false);
    if (path != null) pb.environment().put("PATH", path);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    String err = new String(p.getErrorStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    return out;
  }
}
