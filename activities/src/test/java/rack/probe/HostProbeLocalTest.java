package rack.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import rack.config.RackConfig;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ProcessInfo;
import rack.shell.DefaultShellFactory;
import rack.status.HttpClients;

/** {@link HostProbeImpl#collect} on this machine through the local transport: real facts only. */
class HostProbeLocalTest {
  private static final OkHttpClient HTTP = HttpClients.shared();
  private final HostProbeImpl probe =
      new HostProbeImpl(RackConfig.localOnly("this-machine"), new DefaultShellFactory(), HTTP);

  @Test
  void collectsThisMachine() throws Exception {
    Instant before = Instant.now();
    HostSnapshot snapshot = probe.collect("this-machine");

    assertTrue(snapshot.reachable());
    assertEquals("this-machine", snapshot.host());
    assertFalse(snapshot.takenAt().isBefore(before));
    long memTotalKib = Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .filter(line -> line.startsWith("MemTotal:"))
        .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
        .findFirst().orElseThrow();
    assertEquals(memTotalKib * 1024, snapshot.memory().totalBytes());
    assertTrue(snapshot.memory().availableBytes() > 0);
    assertEquals(Runtime.getRuntime().availableProcessors(), snapshot.load().cores());
    assertTrue(snapshot.cpu().totalTicks() > snapshot.cpu().busyTicks());
    assertTrue(snapshot.disks().stream().anyMatch(disk -> disk.mountPoint().equals("/")), snapshot.disks()::toString);

    long myPid = ProcessHandle.current().pid();
    ProcessInfo me = snapshot.processes().stream().filter(p -> p.pid() == myPid).findFirst().orElseThrow();
    assertEquals(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L), (long) me.ppid());
    assertTrue(me.args().contains("java") || me.comm().contains("java"), me::toString);
    assertEquals(ProcessHandle.current().info().command().orElseThrow(), me.exe());
  }

  @Test
  void seesTheContainersDockerSees() throws Exception {
    HostSnapshot snapshot = probe.collect("this-machine");
    // No pipe: the exit status must be docker's own (a daemon that is down exits 1).
    Process docker = new ProcessBuilder("sh", "-c", "docker ps -q --no-trunc 2>/dev/null").start();
    String ids = new String(docker.getInputStream().readAllBytes()).strip();
    boolean dockerHere = docker.waitFor() == 0;
    assertEquals(dockerHere, snapshot.dockerAvailable(), snapshot.notes()::toString);
    if (dockerHere && !ids.isEmpty()) {
      for (String id : ids.split("\n")) {
        HostSnapshot.ContainerInfo container = snapshot.containers().stream()
            .filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        assertTrue(container.running());
        assertNotNull(container.memUsageBytes(), () -> container + " " + snapshot.notes());
        assertTrue(container.memPercent() >= 0 && container.memPercent() <= 100, container::toString);
      }
    }
  }

  @Test
  void unknownHostIsANonRetryableFailure() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> probe.collect("no-such-host"));
    assertTrue(failure.isNonRetryable());
    assertEquals("UnknownHost", failure.getType());
  }
}
