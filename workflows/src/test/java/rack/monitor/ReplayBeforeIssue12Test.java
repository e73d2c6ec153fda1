package rack.monitor;

import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import rack.loop.IncidentLoopWorkflowImpl;

/**
 * Histories recorded with the code before issue 12 (commit 5808e73, by a throwaway test run against
 * that commit's workflows module) replay against today's code: workflows in flight when the worker is
 * upgraded go on, thanks to the {@code restore-first} and {@code service-links} version gates.
 * <ul>
 *   <li>an incident loop for a DOWN service that restarted the container by the service's name and
 *       sent its messages inline, resolved after a merged PR;
 *   <li>a monitor whose checks saw "staging/Orders API" DOWN and {@code shop-orders-1} exited and
 *       launched two loops per check (exact-name grouping).
 * </ul>
 */
class ReplayBeforeIssue12Test {
  private static String history(String name) throws Exception {
    try (InputStream in = ReplayBeforeIssue12Test.class.getResourceAsStream("/histories/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void anIncidentLoopStartedBeforeRestoreFirstReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("incident-before-issue-12.json"), IncidentLoopWorkflowImpl.class);
  }

  @Test
  void aMonitorRunStartedBeforeServiceLinksReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("monitor-before-issue-12.json"), HostMonitorWorkflowImpl.class);
  }
}
