package rack.hostaction;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import rack.shell.CommandResult;
import rack.shell.Shell;
import rack.shell.ShellException;
import rack.shell.ShellQuote;

/**
 * Decides whether a process may be signalled and builds the signal command, with the identity check
 * repeated inside that command so a PID reused between our check and the signal is not hit (DESIGN C7).
 *
 * <p>Never: PID 1, kernel threads, the host's plumbing (init, systemd*, sshd, dockerd, containerd*,
 * kthreadd) and the configured protected names, matched against both the kernel's short name and
 * argv[0] (a miner can rename either, a protected daemon does not).
 */
public final class ProcessGuard {
  static final Set<String> BUILT_IN_PROTECTED =
      Set.of("init", "systemd", "sshd", "dockerd", "containerd", "kthreadd", "runc", "tini");
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
  private static final String CMDLINE_MARKER = "--rack-cmdline--";

  private final Set<String> protectedNames;

  public ProcessGuard(List<String> protectedProcesses) {
    this.protectedNames = new TreeSet<>(BUILT_IN_PROTECTED);
    protectedProcesses.forEach(name -> protectedNames.add(name.toLowerCase(Locale.ROOT)));
  }

  /** How the process looks now; empty when it is gone. */
  public Optional<ProcessIdentity> lookUp(Shell shell, int pid) throws ShellException {
    String p = ShellQuote.pid(pid);
    CommandResult result = shell.run("cat /proc/" + p + "/status && printf '\\n%s\\n' " + CMDLINE_MARKER
        + " && tr '\\0' ' ' < /proc/" + p + "/cmdline", READ_TIMEOUT);
    if (!result.ok() || result.stdout() == null || !result.stdout().contains(CMDLINE_MARKER)) return Optional.empty();
    return Optional.of(parse(pid, result.stdout()));
  }

  static ProcessIdentity parse(int pid, String output) {
    int marker = output.indexOf(CMDLINE_MARKER);
    String status = output.substring(0, marker);
    String cmdline = output.substring(marker + CMDLINE_MARKER.length()).replaceFirst("^\\n", "");
    String name = "";
    String state = "";
    int ppid = -1;
    boolean namespaceInit = false;
    for (String line : status.split("\n")) {
      if (line.startsWith("Name:")) name = line.substring(5).strip();
      else if (line.startsWith("State:")) state = line.substring(6).strip();
      else if (line.startsWith("PPid:")) ppid = Integer.parseInt(line.substring(5).strip());
      else if (line.startsWith("NSpid:")) {
        String[] ids = line.substring(6).strip().split("\\s+");
        namespaceInit = ids.length > 1 && ids[ids.length - 1].equals("1");
      }
    }
    return new ProcessIdentity(pid, name, ppid, state, normalize(cmdline), namespaceInit);
  }

  /** NULs already became spaces on the host; drop the trailing one(s) and a trailing newline. */
  public static String normalize(String cmdline) {
    return cmdline.replaceAll("[ \\n]+$", "");
  }

  /** Why this process must not be touched, or empty when it may be. */
  public Optional<String> refusal(ProcessIdentity process) {
    if (process.pid() == 1) return Optional.of("refusing to signal PID 1 (init)");
    // Seen from the host, a container's (or any PID namespace's) init is an ordinary pid, and the
    // parent of what runs inside: never a "watchdog" to kill, since the whole namespace dies with it.
    if (process.namespaceInit()) {
      return Optional.of("refusing to signal " + process.pid() + " (" + process.name() + "): it is PID 1 of its own PID namespace"
          + " (a container's or sandbox's init)");
    }
    if (process.kernelThread()) return Optional.of("refusing to signal kernel thread " + process.pid() + " [" + process.name() + "]");
    for (String candidate : List.of(process.name(), process.program())) {
      String lower = candidate.toLowerCase(Locale.ROOT);
      if (protectedNames.contains(lower) || lower.startsWith("systemd") || lower.startsWith("containerd")) {
        return Optional.of("refusing to signal protected process " + process.pid() + " (" + candidate + ")");
      }
    }
    return Optional.empty();
  }

  /** Refusals that need no look-up: PID 1 and PIDs that are not plain positive numbers. */
  public static Optional<String> refusalByNumber(int pid) {
    if (pid == 1) return Optional.of("refusing to signal PID 1 (init)");
    if (pid <= 0) return Optional.of("refusing unsafe pid: " + pid);
    return Optional.empty();
  }

  /**
   * A command that sends {@code signal} only while the PID still runs {@code expectedCommand}, and
   * exits 3 otherwise. With {@code escalateAfterSeconds > 0} it waits that long for the process to
   * go, then sends SIGKILL under the same check (a zombie has an empty cmdline, so it counts as gone).
   */
  public static String guardedSignal(int pid, String expectedCommand, String signal, int escalateAfterSeconds) {
    String p = ShellQuote.pid(pid);
    String same = "[ \"$(tr '\\0' ' ' < /proc/" + p + "/cmdline 2>/dev/null | sed 's/ *$//')\" = "
        + ShellQuote.quote(normalize(expectedCommand)) + " ]";
    StringBuilder command = new StringBuilder()
        .append("if ! ").append(same).append("; then echo 'pid ").append(p)
        .append(" no longer runs the expected command' >&2; exit 3; fi; kill -").append(signal).append(' ').append(p);
    if (escalateAfterSeconds > 0) {
      command.append("; i=0; while [ $i -lt ").append(escalateAfterSeconds).append(" ] && ").append(same)
          .append("; do sleep 1; i=$((i+1)); done; if ").append(same).append("; then kill -KILL ").append(p)
          .append("; fi");
    }
    return command.toString();
  }

  /** Whether what the process runs now is what the finding saw. */
  public static boolean sameCommand(ProcessIdentity process, String expectedCommand) {
    return process.cmdline().equals(normalize(expectedCommand == null ? "" : expectedCommand));
  }
}
