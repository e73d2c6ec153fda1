package rack.worker.alerts;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rack.loop.LoopStatus;
import rack.loop.LoopWorkflow;
import rack.model.AlertNotice;
import rack.model.Finding;
import rack.monitor.HostMonitorWorkflow;

/**
 * Firing alerts go to the host's monitor as an {@code alert} signal (the monitor coalesces them
 * and its check decides). Resolved alerts go to the open loops the monitor knows whose finding is
 * about the alert's service, as an {@code alertResolved} signal: a timeline entry, nothing more.
 */
final class TemporalAlertSignaler implements AlertSignaler {
  private final WorkflowClient client;

  TemporalAlertSignaler(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public boolean checkNow(String host, AlertNotice notice) {
    try {
      client.newUntypedWorkflowStub(HostMonitorWorkflow.workflowId(host)).signal(HostMonitorWorkflow.SIGNAL_ALERT, notice);
      return true;
    } catch (WorkflowNotFoundException noMonitor) {
      return false;
    }
  }

  @Override
  public List<String> recordResolved(String host, AlertNotice notice) {
    List<?> loopIds;
    try {
      loopIds = client.newUntypedWorkflowStub(HostMonitorWorkflow.workflowId(host)).query(HostMonitorWorkflow.QUERY_LOOPS, List.class);
    } catch (WorkflowNotFoundException noMonitor) {
      return List.of();
    }
    List<String> reached = new ArrayList<>();
    for (Object id : loopIds) {
      String loopId = String.valueOf(id);
      try {
        WorkflowStub loop = client.newUntypedWorkflowStub(loopId);
        LoopStatus status = loop.query(LoopWorkflow.QUERY_STATUS, LoopStatus.class);
        if (status == null || status.outcome() != null || !concerns(status.finding(), notice.service())) continue;
        loop.signal(LoopWorkflow.SIGNAL_ALERT_RESOLVED, notice);
        reached.add(loopId);
      } catch (WorkflowNotFoundException finished) {
        // closed since the monitor started it: nothing to record on
      }
    }
    return reached;
  }

  /**
   * Whether a loop's finding is about the alerted service: its service, container or subject
   * names it, ignoring case and a status-page group ({@code shop/api}), and a Compose container
   * name counts for its service ({@code shop-api-1} is {@code api}).
   */
  static boolean concerns(Finding finding, String service) {
    if (finding == null || service == null || service.isBlank()) return false;
    String wanted = lastSegment(service).toLowerCase(Locale.ROOT);
    for (String candidate : new String[] {finding.fact("service"), finding.fact("container"), finding.subject()}) {
      if (candidate == null) continue;
      String c = lastSegment(candidate).toLowerCase(Locale.ROOT);
      if (c.equals(wanted) || c.matches(".+[-_]" + java.util.regex.Pattern.quote(wanted) + "[-_][0-9]+")) return true;
    }
    return false;
  }

  private static String lastSegment(String s) {
    int slash = s.lastIndexOf('/');
    return (slash >= 0 ? s.substring(slash + 1) : s).strip();
  }
}
