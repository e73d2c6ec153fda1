package rack.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import rack.config.RackConfig;
import rack.worker.config.ConfigException;
import rack.worker.config.ConfigLoader;

/** {@code --config FILE}, shared by the commands that read rack.yaml. Defaults to ./rack.yaml when present. */
public final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "rack.yaml (default: ./rack.yaml if present)")
  Path file;

  /** The loaded config, or {@code null} when none was given and ./rack.yaml does not exist. */
  RackConfig loadOrNull() {
    Path path = path();
    if (path == null) return null;
    try {
      return new ConfigLoader().load(path);
    } catch (ConfigException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The file {@link #loadOrNull} reads, or {@code null} when there is none. */
  Path path() {
    return file != null ? file : Files.isRegularFile(Path.of("rack.yaml")) ? Path.of("rack.yaml") : null;
  }

  RackConfig loadRequired() {
    RackConfig c = loadOrNull();
    if (c == null) throw new UserError("no config: pass --config FILE (see rack.example.yaml)");
    return c;
  }
}
