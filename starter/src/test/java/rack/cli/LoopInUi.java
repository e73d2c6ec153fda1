package rack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code starter/src/test/ui/loop-in-ui.cjs}: a headless Chromium reads one workflow's pages in
 * the Temporal Web UI and prints one JSON object per page (list, timeline, metadata, history). It
 * judges nothing; the test asserts on what it read, quoting {@link #transcript} when it does not hold.
 */
final class LoopInUi {
  /** Where the pages' screenshots go (the README's picture is copied from here). */
  static final Path SCREENSHOTS = RackProcess.CHECKOUT.resolve("starter/target/ui-screenshots");

  final int exitCode;
  final String stdout;
  final String stderr;
  final Map<String, JsonNode> pages;

  private LoopInUi(int exitCode, String stdout, String stderr, Map<String, JsonNode> pages) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.pages = pages;
  }

  static LoopInUi read(Path node, String uiUrl, String workflowId, String listQuery) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path out = Files.createTempFile("loop-in-ui", ".out");
    Path err = Files.createTempFile("loop-in-ui", ".err");
    ProcessBuilder pb = new ProcessBuilder(node.toString(), BrowserTools.SCRIPT.toString(), uiUrl, workflowId, listQuery,
        SCREENSHOTS.toString()).redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("NODE_PATH", BrowserTools.NODE_MODULES.toString());
    Process p = pb.start();
    // The script's own waits are a minute each at most; four pages and a browser start fit easily.
    if (!p.waitFor(6, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      p.waitFor();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(out);
    Files.delete(err);
    Map<String, JsonNode> pages = new LinkedHashMap<>();
    for (String line : stdout.lines().toList()) {
      if (line.startsWith("{")) {
        JsonNode page = Lab.json(line);
        pages.put(page.path("page").asText(), page);
      }
    }
    return new LoopInUi(p.isAlive() ? -1 : p.exitValue(), stdout, stderr, pages);
  }

  JsonNode page(String name) {
    return pages.getOrDefault(name, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
  }

  /** Summaries of the history's events of this type ("Activity Task Scheduled", "Timer Started"). */
  List<String> summaries(String eventType) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : page("history").path("events")) {
      if (eventType.equals(e.path("type").asText()) && e.path("fields").has("Summary")) {
        out.add(e.path("fields").path("Summary").asText());
      }
    }
    return out;
  }

  String transcript() {
    return "loop-in-ui.cjs exited " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
  }
}
