package rack.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import rack.detect.Baselines;

/**
 * {@code ./rack check --state FILE}: baselines per host kept in a JSON file between one-shot checks
 * (the monitor keeps the same data in workflow state). Written atomically; an unreadable file is an
 * error, never silently reset, because a reset would re-learn an attacker's cron job as normal.
 */
final class BaselineFile {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final Path file;

  BaselineFile(Path file) {
    this.file = file;
  }

  Map<String, Baselines> read() {
    if (file == null || !Files.exists(file)) return new TreeMap<>();
    try {
      return MAPPER.readValue(file.toFile(), new TypeReference<TreeMap<String, Baselines>>() {});
    } catch (IOException e) {
      throw new UserError(file + ": not a rack state file (" + e.getClass().getSimpleName() + "); move it away to start learning anew");
    }
  }

  void write(Map<String, Baselines> baselines) {
    if (file == null) return;
    try {
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".rack-state", ".json");
      MAPPER.writeValue(tmp.toFile(), baselines);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserError(file + ": cannot write state: " + e.getMessage());
    }
  }
}
