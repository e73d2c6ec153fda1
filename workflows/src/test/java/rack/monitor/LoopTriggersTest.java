package rack.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.Severity;

class LoopTriggersTest {
  private static Finding f(FindingKind kind, Severity severity, String subject, Map<String, String> facts) {
    return new Finding("lab", kind, severity, subject, kind + " " + subject, List.of(), facts);
  }

  @Test
  void aStoppedContainerIsOneProblemWhateverShowsIt() {
    // As the detector hands it over: the service linked (by name) to the container that serves it.
    Finding page = f(FindingKind.SERVICE_DOWN, Severity.CRITICAL, "staging/api", Map.of("service", "staging/api", "container", "api"));
    Finding docker = f(FindingKind.CONTAINER_DOWN, Severity.CRITICAL, "api", Map.of("container", "api"));
    Finding other = f(FindingKind.CONTAINER_DOWN, Severity.CRITICAL, "web", Map.of("container", "web"));
    List<LoopTriggers.Trigger> triggers = LoopTriggers.of(List.of(docker, other, page));
    assertEquals(2, triggers.size());
    assertEquals(page.fingerprint(), triggers.get(0).main().fingerprint(), "most severe, then the earlier kind");
    assertEquals(List.of(docker), triggers.get(0).related());
    assertEquals(other, triggers.get(1).main());
    assertTrue(triggers.get(0).names().containsAll(LoopTriggers.names(docker)));
  }

  @Test
  void aMinerAndItsPersistenceAreOneCompromise() {
    Finding miner = f(FindingKind.MINER_PROCESS, Severity.CRITICAL, "xmrig", Map.of("pid", "77"));
    Finding cron = f(FindingKind.CRON_ADDED, Severity.HIGH, "/var/spool/cron/crontabs/root", Map.of());
    Finding key = f(FindingKind.AUTHORIZED_KEY_ADDED, Severity.HIGH, "/root/.ssh/authorized_keys", Map.of());
    Finding disk = f(FindingKind.DISK_FULL, Severity.HIGH, "/srv/data", Map.of("mountPoint", "/srv/data"));
    List<LoopTriggers.Trigger> triggers = LoopTriggers.of(List.of(cron, disk, key, miner));
    assertEquals(2, triggers.size());
    LoopTriggers.Trigger compromise = triggers.stream().filter(t -> t.main().kind() == FindingKind.MINER_PROCESS).findFirst().orElseThrow();
    assertEquals(List.of(cron, key), compromise.related());
  }
}
