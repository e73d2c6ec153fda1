package rack.loop;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Processes rack never stops or kills, whatever a finding says (DESIGN C7): PID 1, kernel threads
 * (PID 2 and its children), the daemons that keep the host reachable and running containers, and
 * the names the policy adds.
 */
final class ProtectedProcesses {
  static final Set<String> BUILT_IN = Set.of("init", "systemd", "sshd", "dockerd", "containerd", "containerd-shim",
      "containerd-shim-runc-v2", "runc", "kthreadd", "docker-proxy");

  private ProtectedProcesses() {}

  /** @return why the process must not be touched, or empty when rack may act on it */
  static Optional<String> refusal(int pid, Integer ppid, String comm, String exe, List<String> protectedByPolicy) {
    if (pid <= 1) return Optional.of("pid " + pid + " is init");
    if (pid == 2 || (ppid != null && ppid == 2)) return Optional.of("pid " + pid + " is a kernel thread");
    for (String name : new String[] {comm, baseName(exe)}) {
      if (name == null) continue;
      if (BUILT_IN.contains(name)) return Optional.of("pid " + pid + " (" + name + ") is a protected system process");
      if (protectedByPolicy.contains(name)) return Optional.of("pid " + pid + " (" + name + ") is protected by policy");
    }
    return Optional.empty();
  }

  static String baseName(String path) {
    if (path == null || path.isBlank()) return null;
    String clean = path.replace(" (deleted)", "");
    int slash = clean.lastIndexOf('/');
    return slash < 0 ? clean : clean.substring(slash + 1);
  }
}
