package rack.worker.alerts;

import java.util.List;
import rack.model.AlertNotice;

/** What an alert does in Temporal; an interface so the receiver's tests can watch it. */
interface AlertSignaler {
  /** Asks the host's monitor to check now (the monitor coalesces); false when no monitor runs for it. */
  boolean checkNow(String host, AlertNotice notice);

  /** Records a resolved alert on the host's open loops about its service; the loop ids reached. */
  List<String> recordResolved(String host, AlertNotice notice);
}
