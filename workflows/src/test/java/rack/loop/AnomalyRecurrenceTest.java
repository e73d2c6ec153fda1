package rack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot.ProcessInfo;
import rack.model.Severity;

class AnomalyRecurrenceTest {
  /** The lab's dropper, as the detector reported it: dash running a script from a temp dir. */
  private static final Finding DROPPER = new Finding(Snapshots.HOST, FindingKind.MINER_PROCESS, Severity.CRITICAL, "sh",
      "cryptominer process sh", List.of(), Map.of("pid", "45193", "comm", "sh", "exe", "/usr/bin/dash",
          "args", "/bin/sh /tmp/.ICE-unix/.d/kinsing", "script", "/tmp/.ICE-unix/.d/kinsing"));

  private static AnomalyRecurrence recurrence(Finding original) {
    return new AnomalyRecurrence(original, new ContainmentPlan(List.of(), List.of(), List.of(), null));
  }

  private static ProcessInfo process(int pid, String comm, String args, String exe) {
    return new ProcessInfo(pid, 1, "root", 0.0, 0.0, 5, "S", comm, args, exe);
  }

  /** rack's own check runs `sh -s` under the login shell: same exe and name, not the dropper. */
  @Test
  void anotherShellIsNotTheContainedScriptBack() {
    var snapshot = Snapshots.host(List.of(), List.of(process(45716, "sh", "sh -c sh -s", "/usr/bin/dash"),
        process(45717, "sh", "sh -s", "/usr/bin/dash")), List.of(), List.of(), List.of());
    assertTrue(recurrence(DROPPER).check(snapshot, List.of()).isEmpty());
  }

  @Test
  void theSameScriptRunByAnyShellIsBack() {
    var snapshot = Snapshots.host(List.of(), List.of(process(50001, "bash", "bash /tmp/.ICE-unix/.d/kinsing", "/usr/bin/bash")),
        List.of(), List.of(), List.of());
    var sighting = recurrence(DROPPER).check(snapshot, List.of()).orElseThrow();
    assertEquals("50001", sighting.finding().fact("pid"));
  }

  @Test
  void aBinaryIsStillRecognisedByItsExecutable() {
    Finding miner = new Finding(Snapshots.HOST, FindingKind.MINER_PROCESS, Severity.CRITICAL, "xmrig", "miner", List.of(),
        Map.of("pid", "77", "comm", "xmrig", "exe", "/tmp/xmrig (deleted)"));
    var snapshot = Snapshots.host(List.of(), List.of(process(78, "kworker", "[kworker]", "/tmp/xmrig")), List.of(), List.of(), List.of());
    assertTrue(recurrence(miner).check(snapshot, List.of()).isPresent());
  }
}
