package rack.probe.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rack.model.HostSnapshot.AuthorizedKey;
import rack.model.HostSnapshot.CronEntry;
import rack.model.HostSnapshot.SocketInfo;
import rack.model.HostSnapshot.SystemdUnit;

class FileListingParsersTest {
  private static final String N = Fixtures.NONCE;

  @Test
  void cronOfTheLabKeepsOnlyActiveLines() {
    List<CronEntry> entries = CronParser.parse(Fixtures.read("lab-cron.txt"), N).value();
    assertEquals(2, entries.size());
    assertTrue(entries.stream().allMatch(e -> e.source().equals("/etc/cron.d/e2scrub_all")));
  }

  @Test
  void aFileCannotForgeAMarkerWithoutTheNonce() {
    String output = "==> rack-" + N + " /var/spool/cron/crontabs/root\n"
        + "==> rack-guessed /etc/crontab\n"
        + "* * * * * /tmp/.x/kdevtmpfsi\n"
        + "# a comment\n\n";
    List<CronEntry> entries = CronParser.parse(output, N).value();
    assertEquals(List.of(
        new CronEntry("/var/spool/cron/crontabs/root", "==> rack-guessed /etc/crontab"),
        new CronEntry("/var/spool/cron/crontabs/root", "* * * * * /tmp/.x/kdevtmpfsi")), entries);
  }

  @Test
  void systemdOfTheLab() {
    SystemdUnitParser.Result result = SystemdUnitParser.parse(Fixtures.read("lab-systemd.txt"), N).value();
    assertFalse(result.systemdRunning());
    SystemdUnit docker = result.units().stream().filter(u -> u.name().equals("docker.service")).findFirst().orElseThrow();
    assertEquals("/etc/systemd/system/multi-user.target.wants/docker.service", docker.path());
    assertTrue(docker.execStart().startsWith("/usr/sbin/dockerd"));
    SystemdUnit timer = result.units().stream().filter(u -> u.name().endsWith(".timer")).findFirst().orElseThrow();
    assertNull(timer.execStart());
  }

  @Test
  void systemdDropInResetsExecStart() {
    String output = "systemd-running\n==> rack-" + N + " /etc/systemd/system/nginx.service.d/override.conf\n"
        + "ExecStart=\nExecStart=/dev/shm/.x -o stratum+tcp://pool:3333\n";
    SystemdUnitParser.Result result = SystemdUnitParser.parse(output, N).value();
    assertTrue(result.systemdRunning());
    assertEquals(List.of(new SystemdUnit("override.conf", "/etc/systemd/system/nginx.service.d/override.conf",
        "/dev/shm/.x -o stratum+tcp://pool:3333")), result.units());
  }

  @Test
  void authorizedKeysOfTheLabMatchSshKeygenFingerprint() {
    List<AuthorizedKey> keys = AuthorizedKeysParser.parse(Fixtures.read("lab-authorized-keys.txt"), N).value();
    // ssh-keygen -lf lab/.work/client_key.pub
    assertEquals(List.of(new AuthorizedKey("/root/.ssh/authorized_keys",
        "SHA256:sztH4u1DMI7Sv8ycwBG+JSqScbtLTDW+MWSdxqiebKc", "ssh-ed25519", "rack-lab-client")), keys);
  }

  @Test
  void authorizedKeysWithOptionsAndGarbageNeverKeepTheKey() {
    String key = "AAAAC3NzaC1lZDI1NTE5AAAAIOskT3DRmVff7vUjGKiphwNmTMgLhfMCWOEuy0usXMHn";
    String output = "==> rack-" + N + " /home/eve/.ssh/authorized_keys\n"
        + "command=\"/bin/sh -c 'echo hi'\",no-pty ssh-ed25519 " + key + " eve@box\n"
        + "not a key at all\n";
    List<AuthorizedKey> keys = AuthorizedKeysParser.parse(output, N).value();
    assertEquals("ssh-ed25519", keys.get(0).type());
    assertEquals("eve@box", keys.get(0).comment());
    assertTrue(keys.get(0).sha256().startsWith("SHA256:"));
    assertTrue(keys.get(1).sha256().matches("line-sha256:[0-9a-f]{64}"));
    assertFalse(keys.toString().contains(key), "the key itself is not kept");
  }

  @Test
  void ldPreloadEntries() {
    assertEquals(List.of("/usr/lib/libprocesshider.so", "/lib/x.so"),
        LdPreloadParser.parse("# comment\n/usr/lib/libprocesshider.so /lib/x.so\n\n").value());
    assertEquals(List.of(), LdPreloadParser.parse("").value());
  }

  @Test
  void socketsOfTheLab() {
    Parsed<List<SocketInfo>> parsed = SsParser.parse(Fixtures.read("lab-ss.txt"));
    assertTrue(parsed.value().contains(
        new SocketInfo("LISTEN", "127.0.0.1:2222", "0.0.0.0:*", "users:((\"sshd\",pid=29,fd=3))")), parsed.value()::toString);
    assertTrue(parsed.value().stream().noneMatch(s -> s.state().equals("TIME-WAIT")));
    assertTrue(parsed.notes().isEmpty(), parsed.notes()::toString);
  }

  @Test
  void aHostWithoutSsIsANote() {
    Parsed<List<SocketInfo>> parsed = SsParser.parse(SsParser.MISSING + "\n");
    assertTrue(parsed.value().isEmpty());
    assertEquals(List.of("ss: not installed on the host, no socket list"), parsed.notes());
  }
}
