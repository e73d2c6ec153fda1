package rack.remedy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import rack.config.RemediationPolicy;
import rack.hostaction.ProcessShell;
import rack.hostaction.TestHosts;
import rack.shell.ShellFactory;

class RemediationImplTest {
  private Process victim;

  @AfterEach
  void cleanUp() {
    if (victim != null) victim.destroyForcibly();
  }

  private static RemediationImpl remediation(RemediationPolicy policy) {
    return new RemediationImpl(ProcessShell.factory(), TestHosts.config(policy));
  }

  @Test
  void killsARunawayAfterCheckingItsCommandLine() throws Exception {
    victim = TestHosts.start("sleep", "301");
    ActionRecord record = remediation(TestHosts.policy(false)).killProcess(TestHosts.HOST, (int) victim.pid(), "sleep 301", "k1");

    assertEquals("done", record.outcome(), record.outputExcerpt());
    assertEquals(0, record.exitCode());
    assertTrue(record.command().contains("kill -TERM " + victim.pid()), record.command());
    assertEquals(64, record.outputDigest().length());
    assertTrue(TestHosts.dies(victim, Duration.ofSeconds(5)));
  }

  @Test
  void aRetriedAttemptReturnsTheFirstRecordAndAGonePidIsAlreadyDone() throws Exception {
    victim = TestHosts.start("sleep", "302");
    RemediationImpl remediation = remediation(TestHosts.policy(false));
    int pid = (int) victim.pid();
    ActionRecord first = remediation.killProcess(TestHosts.HOST, pid, "sleep 302", "same-key");
    assertTrue(TestHosts.dies(victim, Duration.ofSeconds(5)));

    assertSame(first, remediation.killProcess(TestHosts.HOST, pid, "sleep 302", "same-key"));
    ActionRecord fresh = remediation.killProcess(TestHosts.HOST, pid, "sleep 302", "other-key");
    assertEquals("done", fresh.outcome());
    assertNull(fresh.exitCode());
    assertTrue(fresh.outputExcerpt().startsWith("already gone"), fresh.outputExcerpt());
  }

  @Test
  void refusesAPidThatNowRunsSomethingElse() throws Exception {
    victim = TestHosts.start("sleep", "303");
    ActionRecord record = remediation(TestHosts.policy(false)).killProcess(TestHosts.HOST, (int) victim.pid(), "xmrig --donate-level 1", "k");

    assertEquals("refused", record.outcome());
    assertTrue(record.outputExcerpt().contains("now runs 'sleep 303'"), record.outputExcerpt());
    assertFalse(TestHosts.dies(victim, Duration.ofMillis(300)));
  }

  @Test
  void refusesPidOneAndProtectedProcesses() throws Exception {
    RemediationImpl remediation = remediation(new RemediationPolicy(null, null, List.of("sleep"), false, 50, false));
    ActionRecord init = remediation.killProcess(TestHosts.HOST, 1, "/sbin/init", "k1");
    assertEquals("refused", init.outcome());
    assertTrue(init.outputExcerpt().contains("PID 1"));

    victim = TestHosts.start("sleep", "304");
    ActionRecord protectedOne = remediation.killProcess(TestHosts.HOST, (int) victim.pid(), "sleep 304", "k2");
    assertEquals("refused", protectedOne.outcome());
    assertTrue(protectedOne.outputExcerpt().contains("protected process"), protectedOne.outputExcerpt());
    assertFalse(TestHosts.dies(victim, Duration.ofMillis(300)));
  }

  @Test
  void refusesTheWorkerItself() {
    long self = ProcessHandle.current().pid();
    String cmdline = ProcessHandle.current().info().commandLine().orElse("java");
    ActionRecord record = remediation(TestHosts.policy(false)).killProcess(TestHosts.HOST, (int) self, cmdline, "k");
    assertEquals("refused", record.outcome());
  }

  @Test
  void dryRunPlansTheExactCommandAndLeavesTheProcessAlone() throws Exception {
    victim = TestHosts.start("sleep", "305");
    ActionRecord record = remediation(TestHosts.policy(true)).killProcess(TestHosts.HOST, (int) victim.pid(), "sleep 305", "k");

    assertEquals("dry-run", record.outcome());
    assertNull(record.exitCode());
    assertTrue(record.command().contains("kill -TERM " + victim.pid()));
    assertFalse(TestHosts.dies(victim, Duration.ofMillis(500)));
  }

  @Test
  void theBudgetStopsTheSecondActionWithinTheHour() throws Exception {
    RemediationImpl remediation = remediation(new RemediationPolicy(null, null, null, false, 1, false));
    victim = TestHosts.start("sleep", "306");
    Process second = TestHosts.start("sleep", "307");
    try {
      assertEquals("done", remediation.killProcess(TestHosts.HOST, (int) victim.pid(), "sleep 306", "a").outcome());
      ActionRecord over = remediation.killProcess(TestHosts.HOST, (int) second.pid(), "sleep 307", "b");
      assertEquals("refused", over.outcome());
      assertTrue(over.outputExcerpt().startsWith("over budget"), over.outputExcerpt());
      assertFalse(TestHosts.dies(second, Duration.ofMillis(300)));
    } finally {
      second.destroyForcibly();
    }
  }

  @Test
  void restartRefusesUnsafeNamesProtectedContainersAndDisallowedActionsWithoutRunningAnything() {
    AtomicInteger opened = new AtomicInteger();
    ShellFactory counting = host -> {
      opened.incrementAndGet();
      return new ProcessShell(host.name());
    };
    RemediationPolicy policy = new RemediationPolicy(List.of("kill-process"), null, null, false, 50, false);
    RemediationImpl noRestarts = new RemediationImpl(counting, TestHosts.config(policy));
    assertEquals("refused", noRestarts.restartContainer(TestHosts.HOST, "api", "k").outcome());

    RemediationImpl remediation = new RemediationImpl(counting,
        TestHosts.config(new RemediationPolicy(null, List.of("db"), null, false, 50, false)));
    ActionRecord injected = remediation.restartContainer(TestHosts.HOST, "api; touch /tmp/pwned", "k1");
    assertEquals("refused", injected.outcome());
    assertFalse(injected.command().contains("touch"), injected.command());
    assertEquals("refused", remediation.restartContainer(TestHosts.HOST, "$(reboot)", "k2").outcome());
    ActionRecord db = remediation.restartContainer(TestHosts.HOST, "db", "k3");
    assertEquals("refused", db.outcome());
    assertTrue(db.outputExcerpt().contains("protected"));
    assertEquals(0, opened.get());
  }

  @Test
  void restartDryRunShowsTheQuotedCommand() {
    ActionRecord record = remediation(TestHosts.policy(true)).restartContainer(TestHosts.HOST, "api", "k");
    assertEquals("dry-run", record.outcome());
    assertEquals("docker restart 'api'", record.command());
  }

  @Test
  void restartsARealContainer() throws Exception {
    Assumptions.assumeTrue(TestHosts.dockerWorks(), "docker is not usable here");
    String image = TestHosts.sh(
        "for i in rack-lab-busybox:latest busybox:latest; do docker image inspect -f '{{.Id}}' $i >/dev/null 2>&1 && echo $i && break; done").strip();
    Assumptions.assumeFalse(image.isEmpty(), "no busybox image to run");
    String name = "rack-acts-test-" + ProcessHandle.current().pid();
    TestHosts.sh("docker rm -f " + name + " >/dev/null 2>&1; docker run -d --name " + name + " " + image + " sleep 3600");
    try {
      Assumptions.assumeTrue("true".equals(TestHosts.sh("docker inspect -f '{{.State.Running}}' " + name).strip()),
          "could not start a test container (the lab shares this dockerd)");
      String startedBefore = TestHosts.sh("docker inspect -f '{{.State.StartedAt}}' " + name).strip();
      ActionRecord record = remediation(TestHosts.policy(false)).restartContainer(TestHosts.HOST, name, "k");
      assertEquals("done", record.outcome(), record.outputExcerpt());
      assertEquals("docker restart '" + name + "'", record.command());
      String startedAfter = TestHosts.sh("docker inspect -f '{{.State.StartedAt}}' " + name).strip();
      assertNotEquals(startedBefore, startedAfter);
      assertEquals("true", TestHosts.sh("docker inspect -f '{{.State.Running}}' " + name).strip());
    } finally {
      TestHosts.sh("docker rm -f " + name);
    }
  }

  @Test
  void clearDiskDryRunPlansPruneAndTruncateOfDockerLogsOnly() {
    Assumptions.assumeTrue(TestHosts.dockerWorks(), "docker is not usable here");
    ActionRecord record = remediation(TestHosts.policy(true)).clearDisk(TestHosts.HOST, "/", "k");
    assertEquals("dry-run", record.outcome());
    assertTrue(record.command().startsWith("docker container prune -f; r1=$?; docker image prune -f"), record.command());
  }

  @Test
  void cleanupTruncatesOnlyDockerManagedLogsAboveTheLimit() {
    String id = "a".repeat(64);
    List<String> logs = DockerLogFiles.managedPaths(String.join("\n",
        "/var/lib/docker/containers/" + id + "/" + id + "-json.log",
        "/etc/passwd",
        "/var/lib/docker/containers/" + id + "/../../../etc/" + id + "-json.log",
        "/var/lib/docker/containers/" + id + "/" + "b".repeat(64) + "-json.log",
        ""));
    assertEquals(List.of("/var/lib/docker/containers/" + id + "/" + id + "-json.log"), logs);

    RemediationImpl remediation = new RemediationImpl(ProcessShell.factory(), TestHosts.config(TestHosts.policy(false)),
        Clock.systemUTC(), 1000);
    String command = remediation.cleanupCommand(logs);
    assertTrue(command.contains("find '/var/lib/docker/containers/" + id + "/" + id + "-json.log' -maxdepth 0 -type f -size +1000c -print -exec truncate -s 0 {} +"), command);
    assertTrue(remediation.cleanupCommand(List.of()).endsWith("exit $((r1|r2))"));
  }
}
