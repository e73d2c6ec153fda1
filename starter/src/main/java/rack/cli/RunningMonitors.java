package rack.cli;

import com.google.protobuf.ByteString;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import rack.monitor.HostMonitorWorkflow;
import rack.worker.temporal.TemporalConnection;

/**
 * The hosts a running rack monitors, read from Temporal: one open {@code monitor-<host>} workflow
 * per host. So a command in another shell knows the hosts of the {@code ./rack dev} or {@code
 * ./rack worker} it talks to without being given that process's config file again.
 *
 * @param taskQueues each monitored host and the task queue its monitor runs on (the queue the
 *     running worker polls, so a loop started for that host lands on the same worker)
 */
record RunningMonitors(Map<String, String> taskQueues) {
  private static final String PREFIX = HostMonitorWorkflow.workflowId("");

  RunningMonitors {
    taskQueues = Map.copyOf(taskQueues);
  }

  /**
   * ListOpenWorkflowExecutions rather than a visibility query: the SDK's in-memory test server
   * answers only this one, and a real server answers it as well.
   */
  static RunningMonitors list(TemporalConnection t) {
    Map<String, String> found = new TreeMap<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse r = t.service().blockingStub().listOpenWorkflowExecutions(
          ListOpenWorkflowExecutionsRequest.newBuilder()
              .setNamespace(t.namespace())
              .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(HostMonitorWorkflow.TYPE))
              .setMaximumPageSize(1000)
              .setNextPageToken(page)
              .build());
      for (WorkflowExecutionInfo info : r.getExecutionsList()) {
        // Filtered here as well: the dev server ignores the type filter.
        String id = info.getExecution().getWorkflowId();
        if (info.getType().getName().equals(HostMonitorWorkflow.TYPE) && id.startsWith(PREFIX)) {
          found.put(id.substring(PREFIX.length()), info.getTaskQueue().isBlank() ? describedTaskQueue(t, id) : info.getTaskQueue());
        }
      }
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    return new RunningMonitors(found);
  }

  /** The test server leaves the listing's task queue empty; the description has it. */
  private static String describedTaskQueue(TemporalConnection t, String workflowId) {
    return Loops.describe(t, workflowId).map(d -> d.getExecutionConfig().getTaskQueue().getName()).orElse("");
  }

  /** The task queue of the host's monitor, empty when the running rack does not monitor it (or did not say where). */
  Optional<String> taskQueue(String host) {
    return Optional.ofNullable(taskQueues.get(host)).filter(q -> !q.isBlank());
  }
}
