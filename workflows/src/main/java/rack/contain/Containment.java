package rack.contain;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import rack.remedy.ActionRecord;

/**
 * Contains a malicious process or intrusion in forensic order (DESIGN C8): capture evidence, stop,
 * remove persistence, kill, quarantine. Each step its own activity so the UI shows them in order and
 * a crash resumes at the right one. Never acts on PID 1, kernel threads, sshd, dockerd, containerd,
 * init or a protected process: such a request comes back as a refused {@link ActionRecord}.
 *
 * <p>{@code approvedBy} is null when rack acts alone: the worker's dry-run and protected-process
 * list then apply. A person's name when they approved the loop's plan ({@code ./rack loop approve}):
 * that decision is what dry-run and the protected list wait for, so neither applies; the allowed
 * actions, path checks and the built-in protected processes (PID 1, sshd, ...) always do.
 */
@ActivityInterface
public interface Containment {
  @ActivityMethod(name = "CaptureEvidence")
  EvidenceCapture captureEvidence(String host, List<Integer> pids, List<PersistenceItem> persistence, String idempotencyKey, String approvedBy);

  /** SIGSTOP after re-checking that {@code pid} still runs {@code expectedCommand}. */
  @ActivityMethod(name = "SuspendProcess")
  ActionRecord suspend(String host, int pid, String expectedCommand, String idempotencyKey, String approvedBy);

  @ActivityMethod(name = "RemovePersistence")
  List<ActionRecord> removePersistence(String host, List<PersistenceItem> items, String idempotencyKey, String approvedBy);

  /** SIGKILL after re-checking that {@code pid} still runs {@code expectedCommand}. */
  @ActivityMethod(name = "KillContainedProcess")
  ActionRecord kill(String host, int pid, String expectedCommand, String idempotencyKey, String approvedBy);

  /** Move to the quarantine dir, chmod 000, append to the manifest (sha256, original path, time). */
  @ActivityMethod(name = "Quarantine")
  List<ActionRecord> quarantine(String host, List<String> paths, String idempotencyKey, String approvedBy);
}
