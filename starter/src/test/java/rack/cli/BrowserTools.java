package rack.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the Web UI test drives a browser with, all from {@code .ci/install-tools --browser}: node,
 * Debian's chromium (never a downloaded browser) and playwright-core in the checkout's ignored
 * {@code .tools/ui}. Missing tools skip the test, saying which, unless {@code RACK_TEST_TEMPORAL=real}
 * (.ci/run after a successful install), where they fail it: a skip must not pass for a pass there.
 */
final class BrowserTools {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path NODE_MODULES = RackProcess.CHECKOUT.resolve(".tools/ui/node_modules");
  static final Path SCRIPT = RackProcess.CHECKOUT.resolve("starter/src/test/ui/loop-in-ui.cjs");

  private BrowserTools() {}

  /** The node executable, or the test is skipped (failed when required). */
  static Path nodeOrSkip() {
    Optional<Path> node = onPath("node");
    List<String> missing = new ArrayList<>();
    if (node.isEmpty()) missing.add("node");
    if (!Files.isExecutable(CHROMIUM)) missing.add(CHROMIUM.toString());
    if (!Files.exists(NODE_MODULES.resolve("playwright-core/package.json"))) missing.add(NODE_MODULES + "/playwright-core");
    if (!missing.isEmpty()) {
      String why = "no " + String.join(", ", missing) + " (.ci/install-tools --browser installs them)";
      if (RealTemporal.required()) Assertions.fail("RACK_TEST_TEMPORAL=real but " + why);
      Assumptions.abort(why + ": Web UI test skipped");
    }
    return node.get();
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }
}
