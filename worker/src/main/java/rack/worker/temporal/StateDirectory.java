package rack.worker.temporal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code ./rack dev} keeps what must outlive it: the real dev server's SQLite database
 * ({@code temporal.db}), its log ({@code logs/temporal.log}) and what the libraries rack runs on
 * log ({@code logs/rack.log}). The default follows the XDG base directory spec, {@code
 * $XDG_STATE_HOME/rack}, else {@code ~/.local/state/rack}: state, not configuration or cache, and
 * never inside the repository, so a fresh clone or {@code git clean} does not lose open loops.
 */
public record StateDirectory(Path path) {
  /**
   * @param option {@code --state-dir} as given, or null
   * @param env the environment (XDG_STATE_HOME, HOME)
   */
  public static StateDirectory resolve(String option, Map<String, String> env) {
    if (option != null && !option.isBlank()) return new StateDirectory(Path.of(option).toAbsolutePath());
    String xdg = env.get("XDG_STATE_HOME");
    // The spec says a relative XDG path is invalid and must be ignored.
    if (xdg != null && Path.of(xdg).isAbsolute()) return new StateDirectory(Path.of(xdg, "rack"));
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return new StateDirectory(Path.of(home, ".local", "state", "rack"));
  }

  /** Creates the directory and its logs/ (the server refuses a database whose directory is missing). */
  public StateDirectory create() throws IOException {
    Files.createDirectories(logs());
    return this;
  }

  public Path database() {
    return path.resolve("temporal.db");
  }

  public Path logs() {
    return path.resolve("logs");
  }

  public Path serverLog() {
    return logs().resolve("temporal.log");
  }

  /** What the libraries rack runs on (Temporal SDK, gRPC, sshj) log under {@code ./rack dev}. */
  public Path rackLog() {
    return logs().resolve("rack.log");
  }
}
