package rack.shell;

import java.io.IOException;
import java.time.Duration;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import rack.config.HostConfig;
import rack.config.HostConfig.SshSettings;

/**
 * {@code local: true} hosts get a {@link LocalShell}; every other host an {@link SshShell} over a
 * fresh sshj connection (DESIGN C2): host key checked strictly against the host's own
 * {@code known_hosts} file (an unknown or changed key refuses the connection), public-key
 * authentication with the configured key file, connect and socket timeouts, keepalive.
 */
public final class DefaultShellFactory implements ShellFactory {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);
  private static final int KEEPALIVE_SECONDS = 15;

  /** Building a DefaultConfig initialises all algorithm factories; do it once. */
  private final DefaultConfig sshConfig;
  private final KnownHostsFiles knownHosts = new KnownHostsFiles();
  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final int outputCapBytes;

  public DefaultShellFactory() {
    this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, SshShell.DEFAULT_OUTPUT_CAP_BYTES);
  }

  public DefaultShellFactory(Duration connectTimeout, Duration socketTimeout, int outputCapBytes) {
    this.connectTimeout = connectTimeout;
    this.socketTimeout = socketTimeout;
    this.outputCapBytes = outputCapBytes;
    this.sshConfig = new DefaultConfig();
    this.sshConfig.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
  }

  @Override
  public Shell open(HostConfig host) throws ShellException {
    if (host.local()) {
      return new LocalShell(host.name(), outputCapBytes);
    }
    SshSettings ssh = host.ssh();
    if (ssh == null || ssh.host() == null || ssh.keyFile() == null || ssh.knownHostsFile() == null) {
      throw new ShellException("host " + host.name() + " has no complete ssh settings (host, keyFile, knownHostsFile)", null);
    }
    SSHClient client = new SSHClient(sshConfig);
    try {
      client.addHostKeyVerifier(knownHosts.verifier(ssh.knownHostsFile()));
      client.setConnectTimeout((int) connectTimeout.toMillis());
      client.setTimeout((int) socketTimeout.toMillis());
      client.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_SECONDS);
      client.connect(ssh.host(), ssh.port());
      client.authPublickey(ssh.user(), client.loadKeys(ssh.keyFile()));
      return new SshShell(host.name(), client, outputCapBytes);
    } catch (UserAuthException e) {
      closeQuietly(client);
      throw new ShellException("ssh " + where(ssh) + ": authentication refused for user " + ssh.user(), e, false, true);
    } catch (TransportException e) {
      closeQuietly(client);
      if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
        throw new ShellException("ssh " + where(ssh) + ": host key unknown or changed (not in " + ssh.knownHostsFile() + ")",
            e, true, false);
      }
      throw new ShellException("ssh " + where(ssh) + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(client);
      throw new ShellException("ssh " + where(ssh) + ": " + e.getMessage(), e);
    }
  }

  private static String where(SshSettings ssh) {
    return ssh.user() + "@" + ssh.host() + ":" + ssh.port();
  }

  private static void closeQuietly(SSHClient client) {
    try {
      client.close();
    } catch (IOException | RuntimeException ignored) {
      // Nothing useful to add to the original failure.
    }
  }
}
