package rack.hostaction;

/**
 * What {@code /proc/PID} says a process is right now.
 *
 * @param name the kernel's short name ({@code Name:} in /proc/PID/status, at most 15 chars)
 * @param cmdline /proc/PID/cmdline with NULs as spaces and trailing spaces removed; empty for kernel
 *     threads and zombies
 * @param namespaceInit PID 1 of its own PID namespace ({@code NSpid:} ends in 1): a container's or
 *     sandbox's init, whose children it reaps and whose death takes the whole namespace with it
 */
public record ProcessIdentity(int pid, String name, int ppid, String state, String cmdline, boolean namespaceInit) {

  public ProcessIdentity(int pid, String name, int ppid, String state, String cmdline) {
    this(pid, name, ppid, state, cmdline, false);
  }

  public boolean zombie() {
    return state != null && state.startsWith("Z");
  }

  /** Kernel threads have no command line and are children of kthreadd (PID 2). */
  public boolean kernelThread() {
    return pid == 2 || ppid == 2 || (cmdline.isEmpty() && !zombie());
  }

  /** Basename of argv[0], which a process can set but which is what {@code ps} shows. */
  public String program() {
    String first = cmdline.split(" ", 2)[0];
    int slash = first.lastIndexOf('/');
    String base = slash >= 0 ? first.substring(slash + 1) : first;
    return base.endsWith(":") ? base.substring(0, base.length() - 1) : base;
  }
}
