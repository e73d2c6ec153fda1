package rack.cli;

import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;

/** A failure the user can act on, already phrased as one line. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  /** One line for any exception: ours verbatim, Temporal's and the JDK's shortened. */
  static String describe(Throwable e) {
    if (e instanceof UserError) return e.getMessage();
    if (e instanceof WorkflowNotFoundException w) {
      return "no such loop or monitor: " + w.getExecution().getWorkflowId();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    if (root instanceof StatusRuntimeException s) {
      return "Temporal error: " + s.getStatus().getCode() + " " + firstLine(s.getStatus().getDescription());
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return firstLine(m) + " (set RACK_DEBUG=1 for details)";
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
