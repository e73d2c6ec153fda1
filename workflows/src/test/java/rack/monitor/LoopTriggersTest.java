package rack.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * Seen in the lab: a service answered slowly, its loop (which restores nothing) stayed open, then
   * its container stopped and the DOWN symptoms were fed to the slow-response loop: nothing restarted
   * it. An outage never shares a name with a slowness.
   */
  @Test
  void highHostCpuBesideACpuBurningIntruderIsThatIntrusion() {
    // Seen in the lab on a loaded machine: a miner on every core made host CPU a problem of its own,
    // an incident loop next to the anomaly loop (two "started" messages for one intrusion).
    Finding hostCpu = f(FindingKind.HOST_CPU, Severity.HIGH, "cpu", Map.of());
    Finding unknown = f(FindingKind.UNKNOWN_CPU_PROCESS, Severity.MEDIUM, "kworkerds", Map.of("pid", "4242"));
    Finding key = f(FindingKind.AUTHORIZED_KEY_ADDED, Severity.HIGH, "/root/.ssh/authorized_keys", Map.of());

    List<LoopTriggers.Trigger> one = LoopTriggers.of(List.of(hostCpu, unknown, key));
    assertEquals(1, one.size(), one.toString());
    // Led by the intrusion although host CPU is the more severe finding: containment, not restore.
    assertEquals(FindingKind.AUTHORIZED_KEY_ADDED, one.get(0).main().kind());
    assertEquals(Set.of(FindingKind.HOST_CPU, FindingKind.UNKNOWN_CPU_PROCESS),
        Set.copyOf(one.get(0).related().stream().map(Finding::kind).toList()));
    assertTrue(one.get(0).names().contains("incident:lab:subject:cpu"), one.get(0).names().toString());

    List<LoopTriggers.Trigger> minerOnly = LoopTriggers.of(List.of(hostCpu,
        f(FindingKind.MINER_PROCESS, Severity.CRITICAL, "xmrig", Map.of("pid", "77"))));
    assertEquals(1, minerOnly.size());
    assertEquals(FindingKind.MINER_PROCESS, minerOnly.get(0).main().kind());

    // Without a CPU-burning intruder high CPU is load, its own problem, beside an added key.
    assertEquals(2, LoopTriggers.of(List.of(hostCpu, key)).size());
    // Runs from before the rule replay as they ran.
    assertEquals(2, LoopTriggers.of(List.of(hostCpu, unknown), false).size());
  }

  @Test
  void aSlowServiceIsNotTheProblemOfItsLaterOutage() {
    Finding slow = f(FindingKind.SLOW_RESPONSE, Severity.MEDIUM, "staging/Storefront",
        Map.of("service", "staging/Storefront", "container", "shop-web-1"));
    Finding down = f(FindingKind.SERVICE_DOWN, Severity.CRITICAL, "staging/Storefront",
        Map.of("service", "staging/Storefront", "container", "shop-web-1"));
    Finding exited = f(FindingKind.CONTAINER_DOWN, Severity.CRITICAL, "shop-web-1", Map.of("container", "shop-web-1"));
    assertTrue(java.util.Collections.disjoint(LoopTriggers.names(slow), LoopTriggers.names(down)));
    assertTrue(java.util.Collections.disjoint(LoopTriggers.names(slow), LoopTriggers.names(exited)));
    List<LoopTriggers.Trigger> triggers = LoopTriggers.of(List.of(slow, exited, down));
    assertEquals(2, triggers.size(), "the outage is one problem, the slowness another");
  }

  /** The detector links the service, docker knows how the container stopped: the loop needs both. */
  @Test
  void aLinkedServiceFindingLearnsHowItsContainerStopped() {
    Finding page = f(FindingKind.SERVICE_DOWN, Severity.CRITICAL, "staging/Storefront",
        Map.of("service", "staging/Storefront", "container", "shop-web-1", "linkedBy", "config"));
    Finding docker = f(FindingKind.CONTAINER_DOWN, Severity.CRITICAL, "shop-web-1",
        Map.of("container", "shop-web-1", "exitCode", "137", "restartPolicy", "unless-stopped"));
    Finding other = f(FindingKind.CONTAINER_DOWN, Severity.CRITICAL, "shop-db-1",
        Map.of("container", "shop-db-1", "exitCode", "1"));
    LoopTriggers.Trigger trigger = LoopTriggers.of(List.of(docker, page)).get(0);
    assertEquals(page.kind(), trigger.main().kind());
    assertEquals("137", trigger.main().fact("exitCode"));
    assertEquals("unless-stopped", trigger.main().fact("restartPolicy"));
    assertEquals("shop-web-1", trigger.main().fact("container"));
    // Another container's exit code never lands on the service's finding.
    assertEquals(null, LoopTriggers.of(List.of(page, other)).stream()
        .filter(t -> t.main().kind() == FindingKind.SERVICE_DOWN).findFirst().orElseThrow().main().fact("exitCode"));
  }
}
