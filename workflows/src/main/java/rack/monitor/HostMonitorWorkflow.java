package rack.monitor;

import io.temporal.workflow.QueryMethod;
import java.util.List;
import rack.detect.AcceptedEntry;
import rack.detect.Baselines;
import rack.model.AlertNotice;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Checks one host on an interval and starts or feeds the loops (DESIGN B2). Id {@code monitor-<host>}. */
@WorkflowInterface
public interface HostMonitorWorkflow {
  String TYPE = "HostMonitor";
  String SIGNAL_ALERT = "alert";
  String QUERY_LOOPS = "loops";
  String SIGNAL_ACCEPT = "accept";
  String SIGNAL_FORGET = "forget";

  static String workflowId(String host) {
    return "monitor-" + host;
  }

  @WorkflowMethod(name = TYPE)
  void run(MonitorInput input);

  @SignalMethod(name = "checkNow")
  void checkNow();

  /**
   * A monitor the team runs raised an alert about this host: check now, as {@code checkNow} does,
   * but coalesced (a storm of alerts is one check) and not while paused (a maintenance window
   * expects alerts). The check decides, as always: the alert itself is never a finding.
   */
  @SignalMethod(name = SIGNAL_ALERT)
  void alert(AlertNotice notice);

  /** Pause routine checks until resumed, or for {@code minutes} when positive. */
  @SignalMethod(name = "pause")
  void pause(long minutes);

  @SignalMethod(name = "resume")
  void resume();

  /** A person dismissed these as false positives (sent by the loop they dismissed): accept them from now on. */
  @SignalMethod(name = SIGNAL_ACCEPT)
  void accept(List<AcceptedEntry> entries);

  /** Undo: forget what the dismissal of {@code loopId} taught ("all" forgets every accepted entry). */
  @SignalMethod(name = SIGNAL_FORGET)
  void forget(String loopId);

  /** The last completed check, or null before the first check of this run. */
  @QueryMethod(name = "lastCheck")
  CheckSummary lastCheck();

  /** What the stateful thresholds have learned so far. */
  @QueryMethod(name = "baselines")
  Baselines baselines();

  /** Ids of the loops this monitor started or fed in this run, most recent last. */
  @QueryMethod(name = QUERY_LOOPS)
  List<String> loops();
}
