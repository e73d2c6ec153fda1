package rack.worker.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoopReferenceTest {
  @Test
  void rackBranchNamesExactlyOneLoop() {
    assertEquals(List.of("incident-staging-service-down-api"),
        LoopReference.candidates("rack/incident-staging-service-down-api", null));
  }

  @Test
  void fixBranchYieldsLoopIdPrefixesLongestFirst() {
    assertEquals(List.of(
            "incident-staging-disk-full-var-cleanup",
            "incident-staging-disk-full-var",
            "incident-staging-disk-full",
            "incident-staging-disk",
            "incident-staging"),
        LoopReference.candidates("fix/incident-staging-disk-full-var-cleanup", null));
  }

  @Test
  void explicitNamesComeBeforeFixBranchGuesses() {
    assertEquals(List.of("anomaly-lab-miner-process-xmrig", "incident-a-b", "incident-a"),
        LoopReference.candidates("fix/incident-a-b", "Cleans up.\n\nrack-loop:  Anomaly-lab-miner-process-xmrig \n"));
  }

  @Test
  void ignoresBranchesAndLinesThatNameNoLoop() {
    assertEquals(List.of(), LoopReference.candidates("feature/dark-mode", "Rack-Loop: see the issue"));
    assertEquals(List.of(), LoopReference.candidates("rack/deploy-v2", "mentions Rack-Loop: incident-x inline"));
    assertEquals(List.of(), LoopReference.candidates("fix/typo-in-incident-docs", null));
    assertEquals(List.of(), LoopReference.candidates(null, null));
  }
}
