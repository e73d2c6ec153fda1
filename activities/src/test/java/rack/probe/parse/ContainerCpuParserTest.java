package rack.probe.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerCpuParserTest {
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
