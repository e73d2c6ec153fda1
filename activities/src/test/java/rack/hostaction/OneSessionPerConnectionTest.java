package rack.hostaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.config.HostConfig;
import rack.config.RackConfig;
import rack.contain.ContainmentImpl;
import rack.contain.ContainmentPaths;
import rack.contain.EvidenceCapture;
import rack.diagnose.DiagnosticBundle;
import rack.diagnose.DiagnosticsImpl;
import rack.model.HostSnapshot;
import rack.probe.HostProbeImpl;
import rack.remedy.ActionRecord;
import rack.remedy.RemediationImpl;
import rack.shell.DefaultShellFactory;
import rack.shell.SessionLimitedSshServer;
import rack.status.HttpClients;

/**
 * Every SSH user in rack against a server that allows ONE session per connection and refuses the
 * next open as OpenSSH does ({@code MaxSessions 1}): the check, a remediation, evidence capture and
 * containment, and diagnostics all succeed, and no refusal shows up in what they return.
 */
class OneSessionPerConnectionTest {
  private static final String HOST = "hardened";
  @TempDir Path dir;
  private SessionLimitedSshServer server;
  private RackConfig config;
  private Process victim;

  @BeforeEach
  void start() throws Exception {
    server = new SessionLimitedSshServer(dir, 1);
    HostConfig host = server.host(HOST);
    config = new RackConfig(null, null, null, List.of(host), null, TestHosts.policy(false), null, null, null);
  }

  @AfterEach
  void stop() throws Exception {
    if (victim != null) victim.destroyForcibly();
    server.close();
  }

  @Test
  void theCheckIsOneChannel() {
    HostSnapshot snapshot = new HostProbeImpl(config, new DefaultShellFactory(), HttpClients.shared()).collect(HOST);

    assertTrue(snapshot.reachable(), snapshot.problem());
    assertNotNull(snapshot.memory(), snapshot.notes()::toString);
    assertNotNull(snapshot.load(), snapshot.notes()::toString);
    assertFalse(snapshot.disks().isEmpty(), snapshot.notes()::toString);
    long me = ProcessHandle.current().pid();
    assertTrue(snapshot.processes().stream().anyMatch(p -> p.pid() == me), "ps saw this JVM");
    assertNoRefusalIn(snapshot.notes().toString());
    // One script for every section; a second channel only for the rare docker stats fallback.
    assertTrue(server.accepted() <= 2, "channels for one check: " + server.accepted());
    assertEquals(0, server.refusals());
  }

  @Test
  void aRemediationKillsTheRunaway() throws Exception {
    victim = TestHosts.start("sleep", "321");
    ActionRecord record = new RemediationImpl(new DefaultShellFactory(), config)
        .killProcess(HOST, (int) victim.pid(), "sleep 321", "one-session-kill");

    assertEquals("done", record.outcome(), record.outputExcerpt());
    assertNoRefusalIn(record.outputExcerpt());
    assertTrue(TestHosts.dies(victim, Duration.ofSeconds(5)));
  }

  @Test
  void containmentCapturesEvidenceThenSuspendsAndKills() throws Exception {
    victim = TestHosts.start("sleep", "322");
    int pid = (int) victim.pid();
    ContainmentPaths paths = new ContainmentPaths(dir.resolve("evidence").toString(), dir.resolve("quarantine").toString(),
        dir.resolve("no-systemd").toString());
    ContainmentImpl containment = new ContainmentImpl(new DefaultShellFactory(), config, paths, Clock.systemUTC());

    // Evidence capture is ~10 commands back to back on one connection: each waits for the last to be let go.
    EvidenceCapture evidence = containment.captureEvidence(HOST, List.of(pid), List.of(), "one-session-evidence", null);
    assertEquals("sleep 322 ", evidence.outputs().get("tr '\\0' ' ' < /proc/" + pid + "/cmdline"));
    assertEquals(1, evidence.sha256ByPath().size(), evidence.notes()::toString);
    assertTrue(Files.size(Path.of(evidence.evidenceDir()).resolve("exe-" + pid + ".bin")) > 0);
    assertNoRefusalIn(evidence.outputs().toString() + evidence.notes());

    assertEquals("done", containment.suspend(HOST, pid, "sleep 322", "one-session-stop", null).outcome());
    ActionRecord kill = containment.kill(HOST, pid, "sleep 322", "one-session-kill", null);
    assertEquals("done", kill.outcome(), kill.outputExcerpt());
    assertTrue(TestHosts.dies(victim, Duration.ofSeconds(5)));
  }

  @Test
  void diagnosticsRunTheirParallelCommandsOneAtATime() {
    DiagnosticBundle bundle = new DiagnosticsImpl(new DefaultShellFactory(), config).gather(HOST, List.of());

    assertTrue(bundle.outputs().get("free -m").contains("Mem:"),
        bundle.outputs()::toString);
    assertTrue(server.refusals() > 0, "diagnostics run commands in parallel: the server must have refused some");
    assertNoRefusalIn(bundle.outputs().toString() + bundle.notes());
  }

  private static void assertNoRefusalIn(String text) {
    for (String sign : List.of("open failed", "refused", "ADMINISTRATIVELY_PROHIBITED", "no free SSH session")) {
      assertFalse(text.contains(sign), "'" + sign + "' surfaced in: " + text);
    }
  }
}
