package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Temporal Web UI as a user sees it, in a real (headless) Chromium: a loop that restored a
 * stopped container on the lab host and now awaits its PR is found by the README's filter
 * {@code RackPhase = "AWAITING_PR"}, and its page shows the finding as its summary, the phase, what
 * it waits for and since when as its current details, the {@code docker restart} it ran as an
 * activity summary and its wait as a timer summary.
 *
 * <p>Runs {@code ./rack dev} on the real Temporal dev server (the in-memory test server has no UI)
 * with the lab's config cut to the one lab host, its own relay name and no webhook receiver.
 * Skipped without the temporal CLI or the browser tools, failed without them when
 * {@code RACK_TEST_TEMPORAL=real}. Screenshots land in {@code starter/target/ui-screenshots/}.
 */
@Tag("lab")
class LabWebUiE2ETest {
  private static final String FROM = "rack-ui";
  private static final String PHASE_QUERY = "RackPhase=\"AWAITING_PR\"";
  @TempDir Path dir;

  @Test
  void aLoopAwaitingItsPrIsFoundByPhaseAndExplainedInTheWebUi() throws Exception {
    Path node = BrowserTools.nodeOrSkip();
    RealTemporal.cliOrSkip();
    Lab.requireUp();
    String lab = Files.readString(Lab.CONFIG)
        .replace(".work/", Lab.WORK + "/")
        .replace("from: rack\n", "from: " + FROM + "\n");
    Path config = dir.resolve("rack.yaml");
    Files.writeString(config, Lab.onlyHost(lab.substring(0, lab.indexOf("github:")), Lab.HOST));
    Path state = Files.createDirectories(dir.resolve("state"));

    try (RealDev dev = RealDev.start(config, state)) {
      // The monitor's first check, on a healthy lab: the fault below is then seen whole by check-now.
      dev.process.awaitLine(l -> l.contains(Lab.HOST + ": health "), Duration.ofSeconds(90));
      Map<String, String> env = Map.of("TEMPORAL_ADDRESS", dev.address());
      int from = Lab.relayMessages().size();
      Lab.fault("stop", "worker");
      try {
        Thread.sleep(2500); // the status page notices within its 2 s probe
        rack(env, "monitor", "check-now", Lab.HOST);
        Lab.awaitMessage(from, Lab.message(FROM, "ceo", "Staging anomaly detected"), Duration.ofSeconds(90), 500,
            () -> "--- rack dev output:\n" + dev.process.output());
        JsonNode loop = awaitLoopIn(env, dev, "AWAITING_PR");
        String loopId = loop.path("loopId").asText();

        LoopInUi ui = LoopInUi.read(node, dev.uiUrl(), loopId, PHASE_QUERY);
        String seen = ui.transcript();
        System.out.println(seen); // what the browser read, in the test's report even when it passes
        assertEquals(0, ui.exitCode, seen);

        JsonNode list = ui.page("list");
        assertTrue(list.path("listed").asBoolean() && list.path("rows").toString().contains(loopId),
            "the list filtered by " + PHASE_QUERY + " shows " + loopId + "\n" + seen);

        JsonNode metadata = ui.page("metadata");
        String summary = loop.path("finding").path("summary").asText();
        assertEquals(oneLine(summary), oneLine(metadata.path("summary").asText()), "static summary: the finding\n" + seen);
        String current = metadata.path("currentDetails").asText();
        assertTrue(current.contains("Phase: AWAITING_PR since 20"), "current details: phase and since when\n" + seen);
        assertTrue(current.contains("Waiting for: " + loop.path("waitingFor").asText()), "current details: what it waits for\n" + seen);

        // The restart is an SSH command on the lab host, named as it ran (LoopActivities' summaries).
        Predicate<String> restart = s -> s.startsWith("ssh " + Lab.HOST + ": docker restart") && s.contains("shop-worker-1");
        assertTrue(ui.summaries("Activity Task Scheduled").stream().anyMatch(restart), "activity summary of the restart\n" + seen);
        List<String> timers = ui.summaries("Timer Started");
        assertTrue(timers.stream().anyMatch(s -> s.startsWith("await PR; remind developer after ")),
            "timer summary of the wait for the PR\n" + seen);
        assertTrue(texts(ui.page("timeline").path("items")).stream().anyMatch(
            s -> s.contains("docker restart") && s.contains("shop-worker-1")), "the timeline shows the restart\n" + seen);

        // Done looking: the PR opens and merges, and the loop resolves (nothing left open).
        rack(env, "pr", "opened", loopId, "--number", "61", "--url", "https://git.example/pr/61", "--branch", "rack/" + loopId);
        rack(env, "pr", "merged", loopId, "--number", "61", "--url", "https://git.example/pr/61");
        Lab.awaitMessage(from, Lab.message(FROM, "ceo", "incident response loop resolved"), Duration.ofSeconds(120), 500,
            () -> "--- rack dev output:\n" + dev.process.output());
      } finally {
        Lab.fault("stop", "worker", "undo");
      }
    }
  }

  private static RackProcess.Result rack(Map<String, String> env, String... args) throws Exception {
    RackProcess.Result r = RackProcess.run(env, args);
    assertEquals(0, r.exitCode(), "rack " + String.join(" ", args) + ":\n" + r.output());
    return r;
  }

  /** The lab host's one incident loop, once {@code ./rack loops} reports it in {@code phase}. */
  private static JsonNode awaitLoopIn(Map<String, String> env, RealDev dev, String phase) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = rack(env, "loops", "--json").output();
      for (JsonNode loop : Lab.json(last)) {
        if (loop.path("loopId").asText().startsWith("incident-" + Lab.HOST + "-") && phase.equals(loop.path("phase").asText())) {
          return loop;
        }
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("no incident loop in " + phase + "; ./rack loops --json:\n" + last + "\n--- rack dev:\n" + dev.process.output());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
