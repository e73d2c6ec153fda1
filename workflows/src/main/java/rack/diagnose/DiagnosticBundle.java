package rack.diagnose;

import java.util.List;
import java.util.Map;
import rack.model.HostSnapshot;

/**
 * Diagnostics gathered for a finding (DESIGN A3.4): a fresh snapshot plus the raw outputs the
 * report cites (docker ps -a, docker stats, df -h, free -m, docker logs --tail 100, docker inspect).
 *
 * @param outputs command -> its (bounded) output, in the order gathered
 */
public record DiagnosticBundle(HostSnapshot snapshot, Map<String, String> outputs, List<String> notes) {
  public DiagnosticBundle {
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
