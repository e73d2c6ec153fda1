package rack.hostaction;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import rack.remedy.ActionRecord;
import rack.shell.Shell;
import rack.shell.ShellException;

/**
 * Signals one process the careful way, shared by remediation (kill a runaway) and containment
 * (SIGSTOP, SIGKILL): refuse what must never be touched, treat a gone process as done (so a retry is
 * harmless), refuse a PID that now runs something else, then send the signal under a re-check.
 */
public final class ProcessSignaller {
  private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(30);

  private final ProcessGuard guard;
  /** PID of this worker when the host is this machine: rack does not kill itself. */
  private final Long ownPid;

  public ProcessSignaller(ProcessGuard guard, boolean localHost) {
    this.guard = guard;
    this.ownPid = localHost ? ProcessHandle.current().pid() : null;
  }

  /**
   * @param lastGate checked right before running (e.g. the action budget); a present value refuses
   */
  public ActionRecord signal(Shell shell, ActionRecords records, String step, int pid, String expectedCommand,
      String signal, int escalateAfterSeconds, boolean dryRun, Supplier<Optional<String>> lastGate) throws ShellException {
    Optional<String> byNumber = ProcessGuard.refusalByNumber(pid);
    if (byNumber.isPresent()) return records.refused(step, "kill -" + signal + " " + pid, byNumber.get());
    String command = ProcessGuard.guardedSignal(pid, expectedCommand == null ? "" : expectedCommand, signal, escalateAfterSeconds);

    Optional<ProcessIdentity> found = guard.lookUp(shell, pid);
    if (found.isEmpty()) return records.alreadyDone(step, command, "already gone: pid " + pid + " is not running");
    ProcessIdentity process = found.get();
    if (process.zombie()) return records.alreadyDone(step, command, "already gone: pid " + pid + " is a zombie awaiting its parent");
    Optional<String> refusal = guard.refusal(process);
    if (refusal.isPresent()) return records.refused(step, command, refusal.get());
    if (ownPid != null && ownPid == pid) return records.refused(step, command, "refusing to signal the rack worker itself");
    if (expectedCommand == null || expectedCommand.isBlank()) {
      return records.refused(step, command, "refusing to signal pid " + pid + " without an expected command to re-check");
    }
    if (!ProcessGuard.sameCommand(process, expectedCommand)) {
      return records.refused(step, command, "pid " + pid + " now runs '" + BoundedText.head(process.cmdline(), 300)
          + "', expected '" + BoundedText.head(expectedCommand, 300) + "' (PID reused?)");
    }
    if (dryRun) return records.dryRun(step, command);
    Optional<String> gate = lastGate.get();
    if (gate.isPresent()) return records.refused(step, command, gate.get());
    Duration timeout = SIGNAL_TIMEOUT.plusSeconds(escalateAfterSeconds);
    return records.ran(step, shell.run(command, timeout));
  }
}
