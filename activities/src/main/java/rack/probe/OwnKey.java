package rack.probe;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import rack.config.HostConfig;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.AuthorizedKey;

/**
 * rack's own login on a host: the public half of the host's {@code ssh.keyFile}, by its OpenSSH
 * fingerprint. That line in authorized_keys is how rack reaches the host, never an intruder's key:
 * the check leaves it out, so no loop can flag it, or contain it and lock rack out (seen in the
 * lab: a monitor whose baseline predated a new lab key removed rack's own key as "SSH key added").
 */
final class OwnKey {
  /** Key file path -> fingerprint ({@code SHA256:...}), or empty when the file cannot be read. */
  private final Map<String, Optional<String>> fingerprints = new ConcurrentHashMap<>();

  HostSnapshot leaveOut(HostSnapshot s, HostConfig host) {
    if (host.local() || host.ssh() == null || host.ssh().keyFile() == null || s.authorizedKeys().isEmpty()) return s;
    Optional<String> own = fingerprints.computeIfAbsent(host.ssh().keyFile(), OwnKey::fingerprint);
    if (own.isEmpty()) return s;
    List<AuthorizedKey> others = s.authorizedKeys().stream().filter(k -> !own.get().equals(k.sha256())).toList();
    return others.size() == s.authorizedKeys().size() ? s : s.withAuthorizedKeys(others);
  }

  /** As {@code ssh-keygen -lf} prints it: SHA-256 of the public key blob, base64 without padding. */
  static Optional<String> fingerprint(String keyFile) {
    try (SSHClient keys = new SSHClient()) {
      PublicKey pub = keys.loadKeys(keyFile).getPublic();
      byte[] blob = new Buffer.PlainBuffer().putPublicKey(pub).getCompactData();
      return Optional.of("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(blob)));
    } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
      return Optional.empty(); // the connection reports an unreadable key; the check itself goes on
    }
  }
}
