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
 */
@ActivityInterface
public interface Containment {
  @ActivityMethod(name = "CaptureEvidence")
  EvidenceCapture captureEvidence(String host, List<Integer> pids, List<PersistenceItem> persistence, String idempotencyKey);

  /** SIGSTOP after re-checking that {@code pid} still runs {@code expectedCommand}. */
  @ActivityMethod(name = "SuspendProcess")
  ActionRecord suspend(String host, int pid, String expectedCommand, String idempotencyKey);

  @ActivityMethod(name = "RemovePersistence")
  List<ActionRecord> removePersistence(String host, List<PersistenceItem> items, String idempotencyKey);

  /** SIGKILL after re-checking that {@code pid} still runs {@code expectedCommand}. */
  @ActivityMethod(name = "KillContainedProcess")
  ActionRecord kill(String host, int pid, String expectedCommand, String idempotencyKey);

  /** Move to the quarantine dir, chmod 000, append to the manifest (sha256, original path, time). */
  @ActivityMethod(name = "Quarantine")
  List<ActionRecord> quarantine(String host, List<String> paths, String idempotencyKey);
}
