package rack.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Map;
import rack.config.TemporalSettings;
import rack.monitor.HostMonitorWorkflow;
import rack.worker.temporal.TemporalConnection;

/**
 * Sends {@code checkNow} to {@code monitor-HOST} from a JVM that is already connected, once per
 * line read from stdin, and prints the wall-clock milliseconds just before the signal was sent.
 * {@code bench/run} uses it to time "signal → CEO message" without the CLI's JVM start-up, which it
 * measures separately.
 *
 * <pre>CheckNowSignaller ADDRESS HOST</pre>
 */
public final class CheckNowSignaller {
  private CheckNowSignaller() {}

  public static void main(String[] args) throws Exception {
    try (TemporalConnection temporal = TemporalConnection.connect(
        new TemporalSettings(args[0], "default", "rack"), Map.of())) {
      HostMonitorWorkflow monitor = temporal.client().newWorkflowStub(HostMonitorWorkflow.class, "monitor-" + args[1]);
      // One describe first: the channel and stubs are warm before the timed signal.
      temporal.client().newUntypedWorkflowStub("monitor-" + args[1]).describe();
      System.out.println("ready");
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
      while (in.readLine() != null) {
        long before = System.currentTimeMillis();
        monitor.checkNow();
        System.out.println(Json.object(Map.of("sentAtMillis", before, "returnedAtMillis", System.currentTimeMillis())));
        System.out.flush();
      }
    }
    System.exit(0);
  }
}
