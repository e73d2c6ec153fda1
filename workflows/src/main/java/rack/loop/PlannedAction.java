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
  /** @param linkedOnly false only when replaying a loop started before services were linked to containers */
  static List<PlannedAction> forFinding(Finding f, boolean linkedOnly) {
    List<PlannedAction> plan = new ArrayList<>();
    switch (f.kind()) {
      case CONTAINER_DOWN -> {
        String container = f.fact("container") != null ? f.fact("container") : f.subject();
        if (container != null && !container.isBlank()) plan.add(new PlannedAction(Kind.RESTART_CONTAINER, container, 0, null));
      }
      // A service is restarted through the containers linked to it, never by its status-page name:
      // "Orders API" is not a container, and unlinked means nothing is restarted (the report says why).
      case SERVICE_DOWN -> {
        List<String> containers = linkedOnly ? linkedContainers(f) : f.subject() == null ? List.of()
            : List.of(f.fact("container") != null ? f.fact("container") : f.subject());
        containers.forEach(c -> plan.add(new PlannedAction(Kind.RESTART_CONTAINER, c, 0, null)));
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

  /**
   * The containers the detector linked to a status-page finding ({@code containers}, else
   * {@code container}), each a name Docker would accept (DESIGN C7); the remediation activity checks
   * and quotes it again before it reaches a shell.
   */
  static List<String> linkedContainers(Finding f) {
    String listed = f.fact("containers") != null ? f.fact("containers") : f.fact("container");
    if (listed == null) return List.of();
    return java.util.Arrays.stream(listed.split(",")).map(String::strip)
        .filter(name -> name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")).distinct().toList();
  }

  static Integer parsePid(String text) {
    if (text == null || !text.matches("[1-9][0-9]{0,9}")) return null;
    long value = Long.parseLong(text);
    return value > Integer.MAX_VALUE ? null : (int) value;
  }
}
