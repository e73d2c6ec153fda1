package rack.contain;

import java.util.Optional;
import rack.hostaction.BoundedText;

/** Checks on file paths that came from a host before containment touches them. */
final class HostPaths {
  private HostPaths() {}

  /** Why this path must not be touched, or empty. */
  static Optional<String> refusal(String path) {
    if (path == null || !path.startsWith("/")) return Optional.of("refusing a path that is not absolute: " + path);
    if (path.contains("\n") || path.contains("\0")) return Optional.of("refusing a path with control characters");
    if (("/" + path + "/").contains("/../") || path.contains("/./")) return Optional.of("refusing a path with . or .. segments: " + path);
    if (path.equals("/") || path.endsWith("/")) return Optional.of("refusing a directory path: " + path);
    for (String pseudo : new String[] {"/proc/", "/sys/", "/dev/"}) {
      if (path.startsWith(pseudo) && !path.startsWith("/dev/shm/")) return Optional.of("refusing a path on a pseudo filesystem: " + path);
    }
    return Optional.empty();
  }

  static String baseName(String path) {
    String base = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    return base.isEmpty() ? "file" : base;
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** A stable, collision-free file name for a copy of {@code path} (same path, same name, every attempt). */
  static String copyName(String path) {
    return BoundedText.sha256(path).substring(0, 10) + "-" + baseName(path);
  }
}
