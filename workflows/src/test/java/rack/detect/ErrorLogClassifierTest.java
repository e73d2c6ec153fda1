package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rack.model.HostSnapshot.ContainerLogSummary;

/** The classifier against what container logs really hold, hostile parts included. */
class ErrorLogClassifierTest {
  private static ContainerLogSummary classify(String log) {
    return ErrorLogClassifier.classify("api", log.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void plainTextLevelsAndWords() {
    assertTrue(ErrorLogClassifier.isError("2026-12-01T22:00:00Z ERROR db: connection refused"));
    assertTrue(ErrorLogClassifier.isError("level=error msg=\"upstream timed out\""));
    assertTrue(ErrorLogClassifier.isError("panic: runtime error: index out of range [3] with length 3"));
    assertTrue(ErrorLogClassifier.isError("Traceback (most recent call last):"));
    assertTrue(ErrorLogClassifier.isError("TypeError: cannot read properties of undefined"));
    assertTrue(ErrorLogClassifier.isError("java.lang.NullPointerException: null"));
    assertTrue(ErrorLogClassifier.isError("FATAL: cannot connect to database at 127.0.0.1:5432"));
    assertTrue(ErrorLogClassifier.isError("[CRITICAL] worker timeout"));
    assertFalse(ErrorLogClassifier.isError("GET /health 200 0 errors"));
    assertFalse(ErrorLogClassifier.isError("INFO api listening on 18081"));
    assertFalse(ErrorLogClassifier.isError("stderr redirected"));
  }

  @Test
  void jsonLogsAreJudgedByTheirLevelField() {
    assertTrue(ErrorLogClassifier.isError("{\"level\":\"error\",\"msg\":\"payment failed\"}"));
    assertTrue(ErrorLogClassifier.isError("{\"ts\":1,\"severity\":\"CRITICAL\",\"message\":\"disk\"}"));
    assertTrue(ErrorLogClassifier.isError("{\"level\":50,\"msg\":\"pino error\"}"));
    assertTrue(ErrorLogClassifier.isError("{\"level\":60,\"msg\":\"pino fatal\"}"));
    assertTrue(ErrorLogClassifier.isError("{\"@timestamp\":\"x\",\"log.level\":\"ERROR\",\"message\":\"es\"}"));
    assertFalse(ErrorLogClassifier.isError("{\"level\":\"info\",\"msg\":\"retried after error\"}"));
    assertFalse(ErrorLogClassifier.isError("{\"level\":30,\"msg\":\"exception handler installed\"}"));
    assertTrue(ErrorLogClassifier.isError("{\"msg\":\"no level field, but an error\"}"), "no level: the words decide");
  }

  @Test
  void ansiColouredLevelsAreSeenAndQuotedClean() {
    ContainerLogSummary s = classify("\u001b[31mERROR\u001b[0m db: connection refused\n\u001b[32mINFO\u001b[0m ok\n");
    assertEquals(2, s.lines());
    assertEquals(1, s.errorLines());
    assertEquals("ERROR db: connection refused", s.topErrors().get(0).text());
  }

  @Test
  void repeatsAreDeduplicatedAcrossTimestampsAndIdsAndCounted() {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      log.append("2026-12-01T22:").append(10 + i % 50).append(":00Z ERROR request ").append(1000 + i)
          .append(" failed: upstream db timeout after 5000 ms\n");
      if (i % 4 == 0) log.append("2026-12-01T22:00:00Z ERROR cache miss storm on key user:").append(i).append('\n');
      log.append("INFO served request ").append(i).append('\n');
    }
    ContainerLogSummary s = classify(log.toString());
    assertEquals(150, s.errorLines());
    assertEquals(120, s.topErrors().get(0).count());
    assertTrue(s.topErrors().get(0).text().contains("ERROR request 1000 failed: upstream db timeout"), s.topErrors().get(0).text());
    assertEquals(30, s.topErrors().get(1).count());
    assertEquals(2, s.topErrors().size());
  }

  @Test
  void binaryJunkNeitherBreaksNorInventsErrors() {
    byte[] junk = new byte[2 * 1024 * 1024];
    new Random(42).nextBytes(junk);
    for (int i = 0; i < junk.length; i++) {
      // no accidental ASCII words: keep bytes outside the letters
      if ((junk[i] >= 'A' && junk[i] <= 'Z') || (junk[i] >= 'a' && junk[i] <= 'z')) junk[i] = (byte) 0x80;
    }
    ErrorLogClassifier c = new ErrorLogClassifier();
    c.feed(junk);
    c.feed("\n\u0000\u0001 ERROR after the junk \u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
    ContainerLogSummary s = c.finish("api", false);
    assertEquals(1, s.errorLines());
    assertTrue(s.topErrors().get(0).text().startsWith("ERROR after the junk"), s.topErrors().get(0).text());
    assertTrue(s.topErrors().get(0).text().chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e), "printable ASCII only");
  }

  @Test
  void fiftyMegabytesInBoundedMemoryWithoutANewlineOrWithMillionsOfLines() {
    ErrorLogClassifier oneLine = new ErrorLogClassifier();
    byte[] chunk = new byte[1 << 20];
    java.util.Arrays.fill(chunk, (byte) 'x');
    System.arraycopy("ERROR ".getBytes(StandardCharsets.US_ASCII), 0, chunk, 0, 6);
    for (int i = 0; i < 50; i++) oneLine.feed(chunk);
    ContainerLogSummary s = oneLine.finish("api", true);
    assertEquals(1, s.lines());
    assertEquals(1, s.errorLines());
    assertEquals(50L << 20, s.bytesRead());
    assertTrue(s.truncated());
    assertTrue(s.topErrors().get(0).text().length() <= ErrorLogClassifier.QUOTED_CHARS);

    // 50 MB of short lines, one in ten an error with a distinct text (letters, so no id blanking merges them).
    ErrorLogClassifier many = new ErrorLogClassifier();
    byte[] distinctErrors = new byte[1 << 20];
    int at = 0;
    long written = 0;
    int n = 0;
    while (written < 50L << 20) {
      n++;
      String text = n % 10 == 0 ? "ERROR unique failure " + Integer.toString(n, 26).replaceAll("[0-9]", "q")
          : "{\"level\":\"info\",\"msg\":\"served\",\"path\":\"/api/items\"}";
      byte[] line = (text + "\n").getBytes(StandardCharsets.US_ASCII);
      if (at + line.length > distinctErrors.length) {
        many.feed(distinctErrors, 0, at);
        written += at;
        at = 0;
      }
      System.arraycopy(line, 0, distinctErrors, at, line.length);
      at += line.length;
    }
    ContainerLogSummary m = many.finish("api", false);
    assertTrue(m.errorLines() > 100_000 && m.lines() > 1_000_000, "every line counted: " + m.errorLines() + " of " + m.lines());
    assertEquals(ErrorLogClassifier.TOP, m.topErrors().size(), "ranked among a bounded set of distinct lines");
  }

  @Test
  void aFinalLineWithoutNewlineCounts() {
    ContainerLogSummary s = classify("INFO a\nFATAL b");
    assertEquals(2, s.lines());
    assertEquals(1, s.errorLines());
  }
}
