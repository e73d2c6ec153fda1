package rack.probe.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerCpuParserTest {
  /** The lab's worker running a busy loop (lab/fault cpuhog-style), api and web idle. */
  private static final String WORKER = "404a7acfa359a0430a51e7f630f618499582dce7fe3e1b568f55340710c25206";
  private static final String WEB = "684b9939963478abe0aca19879e13508413d2569380673410c0a6c572578f9af";

  /** Captured on the lab host, a hybrid machine: cpuacct (v1) and the unified tree's cpu.stat (v2) of the same containers. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"lab-container-cpu-v1.tsv", "lab-container-cpu-v2.tsv"})
  void capturedFromTheLabABusyContainerIsAboutOneCore(String fixture) {
    Parsed<Map<String, ContainerCpuParser.Reading>> parsed = ContainerCpuParser.parse(Fixtures.read(fixture));
    assertEquals(List.of(), parsed.notes());
    assertEquals(3, parsed.value().size());
    double busy = ContainerCpuParser.inCheckPercent(parsed.value().get(WORKER));
    // The clock is read just before each round's files, so a 0.25 s gap carries a few % of skew.
    assertTrue(busy > 95 && busy < 105, "worker: " + busy);
    assertEquals(0.0, ContainerCpuParser.inCheckPercent(parsed.value().get(WEB)), 1e-9);
  }

  @Test
  void twoRoundsOfV1AndV2Counters() {
    String out = "clock\t1000000000\n"
        + "aaaa1111bbbb2222\tv1\t5000000000\n"
        + "cccc3333dddd4444\tv2\t7000000\n"
        + "clock\t1250000000\n"
        + "aaaa1111bbbb2222\tv1\t5250000000\n"
        + "cccc3333dddd4444\tv2\t7012500\n";
    Map<String, ContainerCpuParser.Reading> r = ContainerCpuParser.parse(out).value();
    assertEquals(new ContainerCpuParser.Reading("aaaa1111bbbb2222", 5_000_000_000L, 1_000_000_000L, 5_250_000_000L, 1_250_000_000L),
        r.get("aaaa1111bbbb2222"));
    assertEquals(100.0, ContainerCpuParser.inCheckPercent(r.get("aaaa1111bbbb2222")), 1e-9, "v1: a whole core");
    assertEquals(7_000_000_000L, r.get("cccc3333dddd4444").usageNanos(), "v2 usage_usec in nanoseconds");
    assertEquals(5.0, ContainerCpuParser.inCheckPercent(r.get("cccc3333dddd4444")), 1e-9);
  }

  @Test
  void aMissingSecondRoundLeavesOneReadAndGarbageIsANote() {
    Parsed<Map<String, ContainerCpuParser.Reading>> p = ContainerCpuParser.parse(
        "clock\t100\nabc\tv1\t10\nabd\tv3\t1\nabe\tv1\tlots\n");
    assertNull(p.value().get("abc").laterUsageNanos());
    assertNull(ContainerCpuParser.inCheckPercent(p.value().get("abc")));
    assertEquals(1, p.value().size());
    assertEquals(1, p.notes().size());
  }

  @Test
  void countersBeforeAnyClockAreNotTrusted() {
    Parsed<Map<String, ContainerCpuParser.Reading>> p = ContainerCpuParser.parse("abc\tv1\t10\n");
    assertTrue(p.value().isEmpty());
    assertEquals(1, p.notes().size());
  }
}
