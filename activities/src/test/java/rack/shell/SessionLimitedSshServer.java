package rack.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.shell.ProcessShellFactory;
import rack.config.HostConfig;
import rack.config.HostConfig.SshSettings;

/**
 * An embedded MINA SSHD server (commands run by /bin/sh on this machine) that refuses session
 * channels the way OpenSSH does at {@code MaxSessions}: the (n+1)th concurrently open session on a
 * connection gets {@code SSH_MSG_CHANNEL_OPEN_FAILURE} with reason 1, administratively prohibited,
 * "open failed". MINA's {@code MAX_CONCURRENT_SESSIONS} limits connections per user, not channels per
 * connection (DESIGN C4), so the session channel factory is wrapped instead. A slot is freed only
 * when MINA has closed the channel completely, as sshd frees one only after the close handshake.
 */
public final class SessionLimitedSshServer implements AutoCloseable {
  private final SshServer server;
  private final KeyPair hostKey;
  private final Path clientKeyFile;
  private final Path knownHosts;
  private final LimitedSessions sessions;

  public SessionLimitedSshServer(Path dir, int sessionsPerConnection) throws Exception {
    hostKey = ecKeyPair();
    KeyPair clientKey = ecKeyPair();
    sessions = new LimitedSessions(sessionsPerConnection);
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    // Only the test's client key: the default would consult the real ~/.ssh/authorized_keys (C4).
    PublicKey accepted = clientKey.getPublic();
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, accepted));
    server.setPasswordAuthenticator(null);
    server.setCommandFactory((channel, command) ->
        new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
    server.setChannelFactories(List.of(sessions));
    server.start();
    clientKeyFile = dir.resolve("client_key");
    try (OutputStream out = Files.newOutputStream(clientKeyFile)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "test", null, out);
    }
    knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
  }

  public HostConfig host(String name) {
    return new HostConfig(name, false,
        new SshSettings("127.0.0.1", server.getPort(), "root", clientKeyFile.toString(), knownHosts.toString()),
        null, null, null);
  }

  /** Channel opens refused so far, over all connections. */
  public int refusals() {
    return sessions.refused.get();
  }

  /** Session channels accepted so far, over all connections. */
  public int accepted() {
    return sessions.accepted.get();
  }

  /** The most sessions that were ever open at once on one connection. */
  public int mostOpenAtOnce() {
    return sessions.mostOpen.get();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  private static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** The "session" channel type with a per-connection limit. */
  private static final class LimitedSessions implements ChannelFactory {
    private final int limit;
    private final Map<Session, AtomicInteger> openBySession = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

    LimitedSessions(int limit) {
      this.limit = limit;
    }

    @Override
    public String getName() {
      return ChannelSessionFactory.INSTANCE.getName();
    }

    @Override
    public Channel createChannel(Session session) throws IOException {
      AtomicInteger open = openBySession.computeIfAbsent(session, s -> new AtomicInteger());
      synchronized (open) {
        if (open.get() >= limit) {
          refused.incrementAndGet();
          return new RefusedSession();
        }
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      }
      accepted.incrementAndGet();
      ChannelSession channel = new ChannelSession();
      channel.addChannelListener(new ChannelListener() {
        @Override
        public void channelClosed(Channel closed, Throwable reason) {
          synchronized (open) {
            open.decrementAndGet();
          }
        }
      });
      return channel;
    }
  }

  /** Fails its open as sshd's session_open does when MaxSessions is reached. */
  private static final class RefusedSession extends ChannelSession {
    @Override
    protected OpenFuture doInit(Buffer buffer) {
      OpenFuture refused = new DefaultOpenFuture(this, this);
      refused.setException(new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, "open failed"));
      close(true); // never confirmed: no SSH_MSG_CHANNEL_CLOSE, just unregister it
      return refused;
    }
  }
}
