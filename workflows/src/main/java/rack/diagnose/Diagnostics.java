package rack.diagnose;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Gathers the diagnostics a finding calls for, read-only. */
@ActivityInterface
public interface Diagnostics {
  @ActivityMethod(name = "GatherDiagnostics")
  DiagnosticBundle gather(String host, List<String> containers);
}
