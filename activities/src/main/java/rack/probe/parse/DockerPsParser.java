package rack.probe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code docker ps -a --no-trunc --format '{{json .}}'}: one JSON object per container. */
public final class DockerPsParser {
  private DockerPsParser() {}

  /** The columns of {@code docker ps} we use. */
  public record Row(String id, String name, String image, String state, String status) {}

  public static Parsed<List<Row>> parse(String output) {
    List<String> notes = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    int withoutId = 0;
    for (JsonNode node : JsonLines.objects(output, "docker ps", notes)) {
      String id = JsonLines.text(node, "ID");
      if (id == null || id.isBlank()) {
        withoutId++;
        continue;
      }
      String status = JsonLines.text(node, "Status");
      String state = JsonLines.text(node, "State");
      rows.add(new Row(id, firstName(JsonLines.text(node, "Names")), JsonLines.text(node, "Image"),
          state != null ? state.toLowerCase(Locale.ROOT) : stateFromStatus(status), status));
    }
    if (withoutId > 0) {
      notes.add("docker ps: " + withoutId + " entries without an ID were ignored");
    }
    return Parsed.of(rows, notes);
  }

  /** {@code Names} lists every name, comma separated; the first is the container's own. */
  private static String firstName(String names) {
    if (names == null) {
      return null;
    }
    int comma = names.indexOf(',');
    return comma < 0 ? names : names.substring(0, comma);
  }

  /** Older docker versions have no {@code State} column: "Up 3 hours" means running. */
  private static String stateFromStatus(String status) {
    if (status == null) {
      return null;
    }
    if (status.startsWith("Up")) {
      return status.contains("(Paused)") ? "paused" : "running";
    }
    if (status.startsWith("Exited")) {
      return "exited";
    }
    if (status.startsWith("Restarting")) {
      return "restarting";
    }
    return status.startsWith("Created") ? "created" : null;
  }
}
