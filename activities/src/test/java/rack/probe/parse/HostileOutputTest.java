package rack.probe.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every parser is total: whatever a host prints, the result is a value plus notes, never an exception. */
class HostileOutputTest {
  private static final Map<String, Function<String, Parsed<?>>> PARSERS = Map.ofEntries(
      Map.entry("docker ps", DockerPsParser::parse),
      Map.entry("docker inspect", DockerInspectParser::parse),
      Map.entry("docker stats", DockerStatsParser::parse),
      Map.entry("cgroup memory", CgroupMemoryParser::parse),
      Map.entry("df", DfParser::parse),
      Map.entry("meminfo", MeminfoParser::parse),
      Map.entry("load", LoadParser::parse),
      Map.entry("proc stat", ProcStatParser::parse),
      Map.entry("ps", out -> PsParser.parse(out, Map.of())),
      Map.entry("exe links", ExeLinksParser::parse),
      Map.entry("cron", out -> CronParser.parse(out, Fixtures.NONCE)),
      Map.entry("systemd", out -> SystemdUnitParser.parse(out, Fixtures.NONCE)),
      Map.entry("authorized_keys", out -> AuthorizedKeysParser.parse(out, Fixtures.NONCE)),
      Map.entry("ld.so.preload", LdPreloadParser::parse),
      Map.entry("ss", SsParser::parse));

  private static final Map<String, String> INPUTS = Map.of(
      "empty", "",
      "truncated json", "{\"ID\":\"abc\",\"Names\":\"we",
      "binary", new String(randomBytes(64 * 1024), StandardCharsets.ISO_8859_1),
      "shell metacharacters", "a;rm -rf / $(x) `y` | & > < \" ' \\ \n${IFS}*?[]\n",
      "truncated lab output", Fixtures.read("lab-docker-ps.jsonl").substring(0, 700)
          + Fixtures.read("lab-df.txt").substring(0, 300) + Fixtures.read("lab-ss.txt").substring(0, 500),
      "deep json", "[".repeat(5000) + "]".repeat(5000),
      "numbers out of range", "cpu 99999999999999999999999 1 1 1\nMemTotal: -5 kB\n1 2 root NaN Infinity 99999999999999999999 S x y\n");

  static Stream<Arguments> cases() {
    return PARSERS.keySet().stream().flatMap(parser -> INPUTS.keySet().stream().map(input -> Arguments.of(parser, input)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void parsersAreTotal(String parser, String input) {
    Parsed<?> parsed = PARSERS.get(parser).apply(INPUTS.get(input));
    assertNotNull(parsed.notes());
  }

  @Test
  void fiftyMegabytesAreCutWithANote() {
    String huge = "x".repeat(1000) + "\n";
    String fifty = huge.repeat(50 * 1024);
    for (Map.Entry<String, Function<String, Parsed<?>>> parser : PARSERS.entrySet()) {
      long started = System.nanoTime();
      Parsed<?> parsed = parser.getValue().apply(fifty);
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(millis < 5_000, parser.getKey() + " took " + millis + " ms");
      assertFalse(parsed.notes().isEmpty(), parser.getKey() + " said nothing about 50 MB of garbage");
    }
  }

  @Test
  void nullOutputIsEmptyOutput() {
    PARSERS.forEach((name, parser) -> assertNotNull(parser.apply(null), name));
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(42).nextBytes(bytes);
    return bytes;
  }
}
