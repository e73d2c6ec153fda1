package rack.worker.github;

import io.temporal.workflow.QueryMethod;
import java.util.List;

/** A query the real loops do not have, so tests see exactly which signals {@link RecordingLoop} got. */
public interface SignalLog {
  String QUERY = "signals";

  @QueryMethod(name = QUERY)
  List<String> signals();
}
