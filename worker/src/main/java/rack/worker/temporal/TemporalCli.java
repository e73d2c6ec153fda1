package rack.worker.temporal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code temporal} CLI whose {@code server start-dev} gives {@code ./rack dev} a real
 * server. In order: {@code RACK_TEMPORAL_CLI} (an explicit choice, so a wrong path is an error, not
 * a silent fallback), {@code temporal} on PATH, then {@code .tools/bin/temporal} in the rack
 * checkout, where {@code .ci/install-tools} puts it without touching the user's PATH.
 */
public final class TemporalCli {
  static final String ENV = "RACK_TEMPORAL_CLI";

  private TemporalCli() {}

  /**
   * @param env the environment (RACK_TEMPORAL_CLI, PATH)
   * @param rackHome the rack checkout, when known
   * @return the CLI, or empty when there is none (then the embedded test server is used)
   * @throws IllegalArgumentException when RACK_TEMPORAL_CLI names no executable file
   */
  public static Optional<Path> find(Map<String, String> env, Optional<Path> rackHome) {
    String named = env.get(ENV);
    if (named != null && !named.isBlank()) {
      Path p = Path.of(named);
      if (!isExecutable(p)) throw new IllegalArgumentException(ENV + "=" + named + " is not an executable file");
      return Optional.of(p.toAbsolutePath());
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, "temporal");
      if (isExecutable(p)) return Optional.of(p.toAbsolutePath());
    }
    return rackHome.map(h -> h.resolve(".tools/bin/temporal")).filter(TemporalCli::isExecutable);
  }

  /**
   * The rack checkout: {@code RACK_HOME} (set by the {@code ./rack} launcher), else the directory
   * above this code's {@code <module>/target/...} (a jar or test classes run from the checkout).
   */
  public static Optional<Path> rackHome(Map<String, String> env) {
    String home = env.get("RACK_HOME");
    if (home != null && !home.isBlank()) return Optional.of(Path.of(home));
    try {
      Path code = Path.of(TemporalCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = code; p != null; p = p.getParent()) {
        if (p.getFileName() != null && p.getFileName().toString().equals("target") && p.getParent() != null
            && p.getParent().getParent() != null && Files.exists(p.getParent().getParent().resolve("pom.xml"))) {
          return Optional.of(p.getParent().getParent());
        }
      }
    } catch (Exception e) {
      // no code source (unusual class loader): no checkout to look in
    }
    return Optional.empty();
  }

  private static boolean isExecutable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }
}
