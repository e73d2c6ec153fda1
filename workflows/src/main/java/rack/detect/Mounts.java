package rack.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import rack.model.HostSnapshot.DiskUsage;

/**
 * Which {@code df} lines are real storage a user cares about. Skips kernel pseudo filesystems,
 * /dev, /run, /sys, /proc, container layers (they mirror the disk under them) and snap images
 * (read-only squashfs, always 100 %). A tmpfs or overlay mounted under a data directory (/srv,
 * /var, /data, /mnt, /home, /opt) or at / is kept: the lab fills a small tmpfs at /srv/data, and a
 * container's overlay root is that host's disk.
 */
final class Mounts {
  private static final Set<String> VIRTUAL_FILESYSTEMS = Set.of(
      "tmpfs", "devtmpfs", "udev", "overlay", "overlayfs", "shm", "proc", "sysfs", "cgroup", "cgroup2",
      "devpts", "securityfs", "pstore", "bpf", "debugfs", "tracefs", "configfs", "fusectl", "mqueue",
      "hugetlbfs", "squashfs", "efivarfs", "binfmt_misc", "autofs", "none", "nsfs", "ramfs");
  private static final List<String> PSEUDO_ROOTS = List.of("/dev", "/run", "/sys", "/proc");
  private static final List<String> LAYER_ROOTS = List.of("/var/lib/docker", "/var/lib/containerd", "/snap");
  private static final List<String> DATA_ROOTS = List.of("/srv", "/var", "/data", "/mnt", "/home", "/opt");

  private Mounts() {}

  static boolean worthWatching(DiskUsage disk) {
    String mount = disk.mountPoint();
    if (mount == null || mount.isBlank() || disk.usedBytes() + disk.availableBytes() <= 0) return false;
    if (under(mount, PSEUDO_ROOTS) || under(mount, LAYER_ROOTS)) return false;
    String fs = disk.filesystem() == null ? "" : disk.filesystem().toLowerCase(Locale.ROOT);
    if (!VIRTUAL_FILESYSTEMS.contains(fs)) return true;
    return mount.equals("/") || under(mount, DATA_ROOTS);
  }

  private static boolean under(String mount, List<String> roots) {
    for (String root : roots) {
      if (mount.equals(root) || mount.startsWith(root + "/")) return true;
    }
    return false;
  }
}
