package rack.probe.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rack.model.HostSnapshot.CpuCounters;
import rack.model.HostSnapshot.DiskUsage;
import rack.model.HostSnapshot.LoadInfo;
import rack.model.HostSnapshot.MemoryInfo;
import rack.model.HostSnapshot.ProcessInfo;

class HostParsersTest {

  @Test
  void dfOfTheLabAndThisMachine() {
    for (String fixture : List.of("lab-df.txt", "local-df.txt")) {
      Parsed<List<DiskUsage>> parsed = DfParser.parse(Fixtures.read(fixture));
      DiskUsage root = parsed.value().stream().filter(d -> d.mountPoint().equals("/")).findFirst().orElseThrow();
      assertTrue(root.sizeBytes() > root.usedBytes(), root::toString);
      assertTrue(parsed.notes().isEmpty(), parsed.notes()::toString);
    }
  }

  @Test
  void dfKeepsMountPointsWithSpacesAndSkipsDockerInternals() {
    String output = """
        Filesystem     1-blocks      Used Available Capacity Mounted on
        /dev/sdb1    1000 850 150 85% /mnt/my disk
        overlay      1000 500 500 50% /var/lib/docker/overlay2/abc/merged
        proc            0    0    0    - /proc
        """;
    List<DiskUsage> disks = DfParser.parse(output).value();
    assertEquals(List.of(new DiskUsage("/dev/sdb1", "/mnt/my disk", 1000, 850, 150)), disks);
    assertEquals(85.0, disks.get(0).usedPercent());
  }

  @Test
  void meminfoOfTheLab() {
    MemoryInfo memory = MeminfoParser.parse(Fixtures.read("lab-meminfo.txt")).value();
    assertEquals(24684096L * 1024, memory.totalBytes());
    assertTrue(memory.availableBytes() > 0 && memory.availableBytes() <= memory.totalBytes());
  }

  @Test
  void meminfoWithoutMemAvailableIsEstimated() {
    Parsed<MemoryInfo> parsed = MeminfoParser.parse("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n");
    assertEquals(new MemoryInfo(1024000, 409600), parsed.value());
    assertEquals(1, parsed.notes().size());
  }

  @Test
  void loadAndCpuOfTheLab() {
    assertEquals(new LoadInfo(0.74, 0.78, 0.64, 2), LoadParser.parse(Fixtures.read("lab-load.txt")).value());
    CpuCounters cpu = ProcStatParser.parse(Fixtures.read("lab-proc-stat.txt")).value();
    assertTrue(cpu.totalTicks() > cpu.busyTicks() && cpu.busyTicks() > 0, cpu::toString);
  }

  @Test
  void procStatCountsIowaitAsIdle() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    CpuCounters cpu = ProcStatParser.parse("cpu  10 0 5 80 5 0 0 0 3 0\n").value();
    assertEquals(new CpuCounters(15, 100), cpu);
  }

  @Test
  void psOfThisMachineParsesEveryLine() {
    String output = Fixtures.read("local-ps.txt");
    Parsed<List<ProcessInfo>> parsed = PsParser.parse(output, Map.of());
    assertEquals(output.lines().count(), parsed.value().size());
    assertTrue(parsed.notes().isEmpty(), parsed.notes()::toString);
    ProcessInfo init = parsed.value().get(0);
    assertEquals(1, init.pid());
    assertEquals("process_api", init.comm());
  }

  @Test
  void psKeepsAProcessNameWithSpacesAndShellMetacharactersApart() {
    String output = Fixtures.read("local-ps-hostile-comm.txt");
    ProcessInfo hostile = PsParser.parse(output, Map.of()).value().stream()
        .filter(p -> p.comm().startsWith("ev il")).findFirst().orElseThrow();
    assertEquals("ev il;$(x) `y`", hostile.comm());
    assertTrue(hostile.args().startsWith("/root/.pyenv/versions/3.11.7/bin/python3 -c import ctypes"), hostile.args());
    assertTrue(hostile.args().endsWith("a;rm -rf / $(x)"), hostile.args());
  }

  @Test
  void psJoinsExeLinksIncludingDeletedOnes() {
    Map<Integer, String> exes = ExeLinksParser.parse(Fixtures.read("local-exe-links.txt")).value();
    assertEquals("/memfd:sealed-91173221a7ea (deleted)", exes.get(1018));
    assertNull(exes.get(1), "a link we may not read has no target");
    ProcessInfo p = PsParser.parse("1018 1 root 0.0 0.0 5 S    bash             bash\n", exes).value().get(0);
    assertEquals("/memfd:sealed-91173221a7ea (deleted)", p.exe());
  }
}
