package rack.diagnose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.Severity;

class IncidentReportTest {
  @Test
  void quotesTheAffectedContainersLogTailAndInspectBeforeTheHostWideOutputs() {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("docker ps -a --no-trunc", "CONTAINER ID ...");
    outputs.put("free -m", "Mem: 100 50");
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 100; i++) log.append("line ").append(i).append('\n');
    outputs.put("docker logs --tail 100 'api'", log.toString());
    outputs.put("docker inspect --format 'x' 'api'", "name=/api status=exited exitCode=137");
    outputs.put("docker logs --tail 100 'web'", "web is fine");
    Finding finding = new Finding("h", FindingKind.SERVICE_DOWN, Severity.CRITICAL, "api", "api is down", List.of());
    Diagnosis diagnosis = new Diagnosis(true, "stopped", "fix it", List.of(), List.of("api"));

    String md = IncidentReport.render("loop-1", finding, diagnosis, List.of(), new DiagnosticBundle(null, outputs, List.of()), "Incident");

    int logs = md.indexOf("`docker logs --tail 100 'api'`");
    int inspect = md.indexOf("`docker inspect --format 'x' 'api'`");
    int ps = md.indexOf("`docker ps -a --no-trunc`");
    assertTrue(logs > 0 && inspect > logs && ps > inspect, md);
    assertTrue(md.contains("line 100\n") && md.contains("75 earlier lines") && !md.contains("line 75\n"), md);
    assertTrue(md.contains("exitCode=137"), md);
    assertFalse(md.contains("web is fine"), "an unaffected container's logs stay out of the report");
  }

  /** The evidence is above the fix section, so the fix must not send the reader below it. */
  @Test
  void anUndeterminedFixPointsToTheEvidenceWhereItIs() {
    Finding finding = new Finding("h", FindingKind.SERVICE_DOWN, Severity.CRITICAL, "api", "api is down", List.of());
    Diagnosis diagnosis = Diagnosis.undetermined(List.of("api exited with code 3"), List.of("api"));

    String md = IncidentReport.render("loop-1", finding, diagnosis, List.of(), null, "Incident");

    int evidence = md.indexOf("## Evidence");
    int fix = md.indexOf(IncidentReport.PERMANENT_FIX);
    assertTrue(evidence > 0 && fix > evidence, md);
    String fixSection = md.substring(fix, md.indexOf("\n## ", fix + 1));
    assertTrue(fixSection.contains("Evidence section"), fixSection);
    assertFalse(fixSection.contains("below"), fixSection);
  }

  @Test
  void notesOfTheDiagnosticsAreEvidenceLines() {
    Finding finding = new Finding("h", FindingKind.SERVICE_DOWN, Severity.CRITICAL, "api", "api is down", List.of());
    Diagnosis diagnosis = new Diagnosis(true, "stopped", "fix it", List.of("api exited"), List.of("api"));
    DiagnosticBundle bundle = new DiagnosticBundle(null, Map.of("df -h", "Filesystem"),
        List.of("Docker is not available on h (Cannot connect to the Docker daemon): the docker sections are left out"));

    String md = IncidentReport.render("loop-1", finding, diagnosis, List.of(), bundle, "Incident");

    String evidence = md.substring(md.indexOf("## Evidence"), md.indexOf("`df -h`"));
    assertTrue(evidence.contains("- api exited\n- Docker is not available on h ("), md);
  }
}
