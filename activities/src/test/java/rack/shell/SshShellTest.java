package rack.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.config.HostConfig;
import rack.config.HostConfig.SshSettings;

/** sshj against an embedded MINA SSHD server that runs commands with /bin/sh on this machine. */
class SshShellTest {
  @TempDir Path dir;
  private SshServer server;
  private KeyPair hostKey;
  private KeyPair clientKey;
  private final DefaultShellFactory factory =
      new DefaultShellFactory(Duration.ofSeconds(5), Duration.ofSeconds(30), 64 * 1024);

  @BeforeEach
  void startServer() throws Exception {
    hostKey = ecKeyPair();
    clientKey = ecKeyPair();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    // Only the test's client key: the default would consult the real ~/.ssh/authorized_keys (C4).
    java.security.PublicKey accepted = clientKey.getPublic();
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, accepted));
    server.setPasswordAuthenticator(null);
    // ProcessShellCommandFactory runs no shell; our commands need one (DESIGN C4).
    server.setCommandFactory((channel, command) ->
        new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
    server.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.stop(true);
  }

  @Test
  void runsCommandsWithTheRightKeys() throws Exception {
    try (Shell shell = factory.open(host(hostKey.getPublic()))) {
      CommandResult result = shell.run("echo hello; echo oops >&2; exit 3", Duration.ofSeconds(10));
      assertEquals("hello\n", result.stdout());
      assertEquals("oops\n", result.stderr());
      assertEquals(3, result.exitCode());
      assertFalse(result.timedOut());
      assertFalse(result.truncated());
    }
  }

  @Test
  void quotesTheCommandForTheRemoteShell() throws Exception {
    try (Shell shell = factory.open(host(hostKey.getPublic()))) {
      CommandResult result = shell.run("printf '%s|' 'it'\"'\"'s' \"$((1+2))\"", Duration.ofSeconds(10));
      assertEquals("it's|3|", result.stdout());
    }
  }

  @Test
  void refusesAnUnknownHostKey() throws Exception {
    ShellException e = assertThrows(ShellException.class, () -> factory.open(host(ecKeyPair().getPublic())));
    assertTrue(e.hostKeyRejected(), e.getMessage());
    assertFalse(e.authenticationFailed());
  }

  @Test
  void aKnownHostsFileEditedBetweenConnectionsIsReadAgain() throws Exception {
    // The factory keeps parsed known_hosts files (KnownHostsFiles); an edit must still count at once.
    HostConfig host = host(hostKey.getPublic());
    try (Shell shell = factory.open(host)) {
      assertEquals(0, shell.run("true", Duration.ofSeconds(10)).exitCode());
    }
    Path knownHosts = Path.of(host.ssh().knownHostsFile());
    String original = Files.readString(knownHosts);
    // Another key of the same type, so the file keeps its size: only its contents and time differ.
    String other = "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(ecKeyPair().getPublic()) + "\n";
    assertEquals(original.length(), other.length());
    Files.writeString(knownHosts, other);
    ShellException e = assertThrows(ShellException.class, () -> factory.open(host));
    assertTrue(e.hostKeyRejected(), e.getMessage());
    Files.writeString(knownHosts, original);
    try (Shell shell = factory.open(host)) {
      assertEquals(0, shell.run("true", Duration.ofSeconds(10)).exitCode());
    }
    Files.delete(knownHosts);
    e = assertThrows(ShellException.class, () -> factory.open(host));
    assertTrue(e.hostKeyRejected(), "a missing known_hosts file refuses the key, as before: " + e.getMessage());
  }

  @Test
  void refusesAHostMissingFromKnownHosts() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
    HostConfig host = new HostConfig("lab", false,
        new SshSettings("127.0.0.1", server.getPort(), "root", writeClientKey().toString(), empty.toString()),
        null, null, null);
    ShellException e = assertThrows(ShellException.class, () -> factory.open(host));
    assertTrue(e.hostKeyRejected(), e.getMessage());
  }

  @Test
  void reportsAWrongClientKeyAsAuthenticationFailure() throws Exception {
    HostConfig host = host(hostKey.getPublic());
    clientKey = ecKeyPair(); // the server keeps accepting only the first client key
    writeClientKey();
    ShellException e = assertThrows(ShellException.class, () -> factory.open(host));
    assertTrue(e.authenticationFailed(), e.getMessage());
    assertFalse(e.hostKeyRejected());
  }

  @Test
  void reportsAClosedPortAsAnErrorThatIsNotAHostKeyProblem() throws Exception {
    HostConfig host = host(hostKey.getPublic());
    server.stop(true);
    ShellException e = assertThrows(ShellException.class, () -> factory.open(host));
    assertFalse(e.hostKeyRejected());
    assertFalse(e.authenticationFailed());
  }

  @Test
  void honoursTheCommandTimeout() throws Exception {
    try (Shell shell = factory.open(host(hostKey.getPublic()))) {
      CommandResult result = shell.run("echo started; sleep 30", Duration.ofSeconds(1));
      assertTrue(result.timedOut());
      assertNull(result.exitCode());
      assertEquals("started\n", result.stdout());
      assertTrue(result.took().compareTo(Duration.ofSeconds(8)) < 0, "took " + result.took());
    }
  }

  @Test
  void truncatesTenMegabytesWithoutHanging() throws Exception {
    try (Shell shell = factory.open(host(hostKey.getPublic()))) {
      CommandResult result = shell.run(
          "head -c 10485760 /dev/zero | tr '\\0' x; head -c 10485760 /dev/zero | tr '\\0' y >&2; echo done >&2",
          Duration.ofSeconds(20));
      assertEquals(0, result.exitCode());
      assertTrue(result.truncated());
      assertEquals(64 * 1024, result.stdout().length());
      assertTrue(result.stdout().chars().allMatch(c -> c == 'x'));
      assertEquals(64 * 1024, result.stderr().length());
    }
  }

  @Test
  void runsMoreCommandsAtOnceThanTheSessionLimit() throws Exception {
    try (Shell shell = factory.open(host(hostKey.getPublic()))) {
      ExecutorService pool = Executors.newFixedThreadPool(12);
      try {
        List<Future<CommandResult>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          String command = "sleep 0.3; echo " + i;
          results.add(pool.submit(() -> shell.run(command, Duration.ofSeconds(10))));
        }
        for (int i = 0; i < 12; i++) {
          assertEquals(i + "\n", results.get(i).get().stdout());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private HostConfig host(java.security.PublicKey knownHostKey) throws Exception {
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts,
        "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(knownHostKey) + "\n");
    return new HostConfig("lab", false,
        new SshSettings("127.0.0.1", server.getPort(), "root", writeClientKey().toString(), knownHosts.toString()),
        null, null, null);
  }

  private Path writeClientKey() throws Exception {
    Path keyFile = dir.resolve("client_key");
    try (OutputStream out = Files.newOutputStream(keyFile)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "test", null, out);
    }
    return keyFile;
  }

  private static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
