package rack.probe.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rack.model.HostSnapshot.DiskUsage;

/**
 * {@code df -P -B1}: POSIX format, sizes in bytes. Skips filesystems of size 0 (proc, cgroup...)
 * and docker's per-container mounts, which only repeat the filesystem underneath them.
 */
public final class DfParser {
  private static final Pattern ROW =
      Pattern.compile("^(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+%|-)\\s+(/.*)$");

  private DfParser() {}

  public static Parsed<List<DiskUsage>> parse(String output) {
    List<String> notes = new ArrayList<>();
    List<DiskUsage> disks = new ArrayList<>();
    BadLines bad = new BadLines("df");
    for (String line : Lines.of(output, "df", notes)) {
      if (line.isBlank() || line.startsWith("Filesystem")) {
        continue;
      }
      Matcher m = ROW.matcher(line);
      Long size = m.matches() ? Numbers.parseLong(m.group(2)) : null;
      Long used = size != null ? Numbers.parseLong(m.group(3)) : null;
      Long available = size != null ? Numbers.parseLong(m.group(4)) : null;
      if (size == null || used == null || available == null) {
        bad.add(line);
        continue;
      }
      String mount = m.group(6);
      if (size > 0 && !isDockerInternal(mount)) {
        disks.add(new DiskUsage(m.group(1), mount, size, used, available));
      }
    }
    bad.reportTo(notes);
    if (disks.isEmpty()) {
      notes.add("df: no filesystem found");
    }
    return Parsed.of(disks, notes);
  }

  private static boolean isDockerInternal(String mount) {
    return mount.startsWith("/var/lib/docker/") || mount.startsWith("/run/docker/")
        || mount.startsWith("/var/run/docker/");
  }
}
