package rack.probe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rack.config.HostConfig;
import rack.config.HostConfig.SshSettings;
import rack.config.RackConfig;
import rack.model.HostSnapshot;
import rack.shell.DefaultShellFactory;
import rack.status.HttpClients;

/**
 * Against the lab host (run {@code lab/up} first; {@code mvn -Plab} or -Drack.test.groups=lab).
 * The lab's work directory is {@code ../lab/.work} or {@code $RACK_LAB_WORK}; port {@code $RACK_LAB_PORT},
 * else 2222 (stock sshd), or 2223 (hardened sshd) with {@code RACK_LAB_HOST=lab-hardened}.
 */
@Tag("lab")
class HostProbeLabTest {

  @Test
  void collectsTheLabHostOverSshWithinHalfASecond() {
    Path work = Path.of(System.getenv().getOrDefault("RACK_LAB_WORK", "../lab/.work"));
    assumeTrue(Files.exists(work.resolve("client_key")), "lab is not up: no " + work.resolve("client_key"));
    boolean hardened = "lab-hardened".equals(System.getenv("RACK_LAB_HOST"));
    int port = Integer.parseInt(System.getenv().getOrDefault("RACK_LAB_PORT", hardened ? "2223" : "2222"));
    HostConfig lab = new HostConfig("lab", false,
        new SshSettings("127.0.0.1", port, "root", work.resolve("client_key").toAbsolutePath().toString(),
            work.resolve("known_hosts").toAbsolutePath().toString()),
        null, null, null);
    HostProbeImpl probe = new HostProbeImpl(
        new RackConfig(null, null, null, List.of(lab), null, null, null, null, null),
        new DefaultShellFactory(), HttpClients.shared());

    // Timing is bench/run's business (printed, never asserted); this test checks what a check sees.
    HostSnapshot snapshot = probe.collect("lab");
    if (System.getenv("RACK_DUMP") != null) {
      System.out.println(snapshot.toString().replace("], ", "],\n"));
    }
    assertTrue(snapshot.reachable(), snapshot.problem());
    assertFalse(snapshot.processes().isEmpty());
    assertNotNull(snapshot.memory());
    if (snapshot.dockerAvailable()) {
      snapshot.containers().stream().filter(HostSnapshot.ContainerInfo::running)
          .forEach(c -> assertNotNull(c.memPercent(), c::toString));
    }
  }
}
