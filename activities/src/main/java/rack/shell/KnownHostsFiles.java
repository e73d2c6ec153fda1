package rack.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Parsed {@code known_hosts} files, kept while the file is unchanged. sshj's {@link
 * OpenSSHKnownHosts} decodes every entry's public key when it is built (for Ed25519 a point
 * decompression, a modular square root), so a fleet sharing one 200-line file paid 200 decodings
 * per connection: about a fifth of the client's CPU in the 200-host sweep (JFR, 12-06). A file whose
 * modification time, size or inode changes is read again, so a replaced or edited key takes effect
 * on the next connection, as it does for {@code ssh}.
 *
 * <p>Sharing one verifier between connections is safe: with strict checking it only reads its
 * entries (an unknown or changed key is refused, never written back).
 */
final class KnownHostsFiles {
  private record Parsed(FileTime modified, long size, Object fileKey, OpenSSHKnownHosts verifier) {}

  private final Map<Path, Parsed> files = new ConcurrentHashMap<>();

  OpenSSHKnownHosts verifier(String file) throws IOException {
    Path path = Path.of(file).toAbsolutePath();
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      // As before: no file, no known key, so the connection is refused as an unknown host key.
      files.remove(path);
      return new OpenSSHKnownHosts(new File(file));
    }
    Parsed known = files.get(path);
    if (known != null && known.modified().equals(now.lastModifiedTime()) && known.size() == now.size()
        && Objects.equals(known.fileKey(), now.fileKey())) {
      return known.verifier();
    }
    Parsed fresh = new Parsed(now.lastModifiedTime(), now.size(), now.fileKey(), new OpenSSHKnownHosts(new File(file)));
    files.put(path, fresh);
    return fresh.verifier();
  }
}
