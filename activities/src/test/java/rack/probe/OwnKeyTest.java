package rack.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.config.HostConfig;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.AuthorizedKey;
import rack.probe.parse.AuthorizedKeysParser;

class OwnKeyTest {
  @TempDir Path dir;

  private Path keygen(String name, String comment) throws Exception {
    Path key = dir.resolve(name);
    Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString())
        .redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    return key;
  }

  private static String sshKeygenFingerprint(Path pub) throws Exception {
    Process p = new ProcessBuilder("ssh-keygen", "-lf", pub.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out.split("\\s+")[1];
  }

  @Test
  void theFingerprintIsTheOneSshKeygenAndTheProbePrint() throws Exception {
    Path key = keygen("client_key", "rack-lab-client");
    String expected = sshKeygenFingerprint(Path.of(key + ".pub"));
    assertEquals(expected, OwnKey.fingerprint(key.toString()).orElseThrow());
    // The probe's parser names the authorized_keys line the same way, so the two can be compared.
    String nonce = "n0nce";
    String listing = "==> rack-" + nonce + " /root/.ssh/authorized_keys\n" + Files.readString(Path.of(key + ".pub"));
    var parsed = AuthorizedKeysParser.parse(listing, nonce).value();
    assertEquals(1, parsed.size(), parsed.toString());
    assertEquals(expected, parsed.get(0).sha256());
  }

  @Test
  void racksOwnKeyIsLeftOutAndEveryOtherKeyKept() throws Exception {
    Path key = keygen("client_key", "rack-lab-client");
    String own = OwnKey.fingerprint(key.toString()).orElseThrow();
    AuthorizedKey rack = new AuthorizedKey("/root/.ssh/authorized_keys", own, "ssh-ed25519", "rack-lab-client");
    AuthorizedKey attacker = new AuthorizedKey("/root/.ssh/authorized_keys", "SHA256:attacker", "ssh-ed25519", "attacker@evil");
    HostConfig host = new HostConfig("lab", false, new HostConfig.SshSettings("127.0.0.1", 2222, "root", key.toString(),
        dir.resolve("known_hosts").toString()), null, null, null, null, Map.of());
    HostSnapshot snapshot = snapshot(List.of(rack, attacker));

    assertEquals(List.of(attacker), new OwnKey().leaveOut(snapshot, host).authorizedKeys());
    HostConfig unreadable = new HostConfig("lab", false, new HostConfig.SshSettings("127.0.0.1", 2222, "root",
        dir.resolve("missing").toString(), dir.resolve("known_hosts").toString()), null, null, null, null, Map.of());
    assertSame(snapshot, new OwnKey().leaveOut(snapshot, unreadable), "an unreadable key file changes nothing");
  }

  private static HostSnapshot snapshot(List<AuthorizedKey> keys) {
    return new HostSnapshot("lab", Instant.parse("2026-01-01T00:00:00Z"), true, false, null, true, false, List.of(),
        List.of(), null, null, null, List.of(), List.of(), List.of(), List.of(), keys, List.of(), List.of(), null, null,
        List.of(), List.of(), List.of());
  }
}
