package rack.contain;

import static rack.shell.ShellQuote.quote;

import java.util.ArrayList;
import java.util.List;
import rack.shell.ShellQuote;

/**
 * What to read before anything changes (DESIGN C8): per process its ps line, parent chain,
 * cmdline, status, exe link and the exe's sha256 (through /proc/PID/exe, so a deleted binary still
 * counts); the sockets; and each persistence file's content and digest.
 */
final class EvidenceCommands {
  /** One read, and the file name its output is kept under in the evidence dir. */
  record Read(String fileName, String command) {}

  static final String SOCKETS = "ss -tnp";

  private EvidenceCommands() {}

  static List<Read> forProcess(int pid) {
    String p = ShellQuote.pid(pid);
    return List.of(
        new Read("ps-" + p + ".txt", "ps -ww -o pid=,ppid=,user=,pcpu=,pmem=,etimes=,stat=,comm=,args= -p " + p),
        new Read("parents-" + p + ".txt", "p=" + p + "; while [ -n \"$p\" ] && [ \"$p\" -gt 1 ]; do"
            + " ps -ww -o pid=,ppid=,user=,args= -p \"$p\"; p=$(awk '/^PPid:/{print $2}' /proc/\"$p\"/status 2>/dev/null); done"),
        new Read("cmdline-" + p + ".txt", "tr '\\0' ' ' < /proc/" + p + "/cmdline"),
        new Read("status-" + p + ".txt", "cat /proc/" + p + "/status"),
        new Read("exe-link-" + p + ".txt", "readlink /proc/" + p + "/exe"),
        new Read("exe-sha256-" + p + ".txt", "sha256sum /proc/" + p + "/exe"));
  }

  static List<Read> forPersistence(PersistenceItem item) {
    String name = HostPaths.copyName(item.path());
    return List.of(
        new Read("persistence-" + name + ".ls.txt", "ls -l -- " + quote(item.path())),
        new Read("persistence-" + name + ".txt", "cat -- " + quote(item.path())),
        new Read("persistence-" + name + ".sha256.txt", "sha256sum -- " + quote(item.path())));
  }

  /** Copies that cannot be reproduced later: the running binary and the persistence files as found. */
  static List<String> copies(List<Integer> pids, List<PersistenceItem> items, String evidenceDir) {
    List<String> commands = new ArrayList<>();
    for (int pid : pids) {
      String p = ShellQuote.pid(pid);
      commands.add("cp /proc/" + p + "/exe " + quote(evidenceDir + "/exe-" + p + ".bin"));
    }
    for (PersistenceItem item : items) {
      commands.add("cp -p -- " + quote(item.path()) + " " + quote(evidenceDir + "/persistence-" + HostPaths.copyName(item.path()) + ".copy"));
    }
    return commands;
  }

  /** Stored next to the command's output: run, keep everything it printed in the evidence dir, print it. */
  static String keptIn(String evidenceDir, Read read) {
    String file = quote(evidenceDir + "/" + read.fileName());
    return "{ " + read.command() + "; } > " + file + " 2>&1; rc=$?; cat " + file + "; exit $rc";
  }
}
