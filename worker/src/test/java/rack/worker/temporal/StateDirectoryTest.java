package rack.worker.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {
  @TempDir Path dir;

  @Test
  void theOptionWins() {
    assertEquals(dir.resolve("s"), StateDirectory.resolve(dir.resolve("s").toString(),
        Map.of("XDG_STATE_HOME", "/x", "HOME", "/h")).path());
  }

  @Test
  void xdgStateHomeIsRespectedWhenAbsolute() {
    assertEquals(Path.of("/x/rack"), StateDirectory.resolve(null, Map.of("XDG_STATE_HOME", "/x", "HOME", "/h")).path());
    // The XDG spec: a relative path is invalid and ignored.
    assertEquals(Path.of("/h/.local/state/rack"), StateDirectory.resolve(null, Map.of("XDG_STATE_HOME", "x", "HOME", "/h")).path());
  }

  @Test
  void theDefaultIsUnderHome() {
    assertEquals(Path.of("/h/.local/state/rack"), StateDirectory.resolve("", Map.of("HOME", "/h")).path());
  }

  @Test
  void createMakesTheDirectoryTheDatabaseAndLogsGoIn() throws Exception {
    StateDirectory s = StateDirectory.resolve(dir.resolve("a/b").toString(), Map.of()).create();
    assertTrue(Files.isDirectory(s.logs()));
    assertEquals(dir.resolve("a/b/temporal.db"), s.database());
    assertEquals(dir.resolve("a/b/logs/temporal.log"), s.serverLog());
  }
}
