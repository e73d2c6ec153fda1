package rack.loop;

import java.util.ArrayList;
import java.util.List;
import rack.model.Finding;

/**
 * One emergency action a finding calls for (DESIGN A3.3), before policy has had its say.
 *
 * @param pid for kill-process, else 0
 * @param expectedCommand for kill-process: the command line the PID must still run
 */
record PlannedAction(Kind kind, String target, int pid, String expectedCommand) {

  enum Kind {
    RESTART_CONTAINER("restart-container"),
    CLEAR_DISK("clear-disk"),
    KILL_PROCESS("kill-process");

    final String policyName;

    Kind(String policyName) {
      this.policyName = policyName;
    }
  }

  /** What the activity will run, in words, for dry-run and refusal records. */
  String command() {
    return switch (kind) {
      case RESTART_CONTAINER -> "docker restart " + target;
      case CLEAR_DISK -> "docker system prune -f; truncate oversized container logs on " + target;
      case KILL_PROCESS -> "kill -KILL " + pid + " (" + expectedCommand + ")";
    };
  }

  String step() {
    return kind.policyName;
  }

  /**
   * Only what restores service at once: a container or service that is down is restarted, a full
   * disk is cleared, a runaway process named by the finding is killed. Everything else waits for
   * the developer's fix.
   */
  static List<PlannedAction> forFinding(Finding f) {
    List<PlannedAction> plan = new ArrayList<>();
    switch (f.kind()) {
      case CONTAINER_DOWN, SERVICE_DOWN -> {
        String container = f.fact("container") != null ? f.fact("container") : f.subject();
        if (container != null && !container.isBlank()) plan.add(new PlannedAction(Kind.RESTART_CONTAINER, container, 0, null));
      }
      case DISK_FULL -> {
        String mount = f.fact("mountPoint") != null ? f.fact("mountPoint") : f.subject();
        plan.add(new PlannedAction(Kind.CLEAR_DISK, mount, 0, null));
      }
      case HOST_CPU -> {
        Integer pid = parsePid(f.fact("pid"));
        if (pid != null) {
          String expected = f.fact("args") != null ? f.fact("args") : f.fact("comm");
          plan.add(new PlannedAction(Kind.KILL_PROCESS, f.fact("comm"), pid, expected));
        }
      }
      default -> { }
    }
    return plan;
  }

  static Integer parsePid(String text) {
    if (text == null || !text.matches("[1-9][0-9]{0,9}")) return null;
    long value = Long.parseLong(text);
    return value > Integer.MAX_VALUE ? null : (int) value;
  }
}
