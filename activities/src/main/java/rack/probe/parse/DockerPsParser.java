package rack.probe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code docker ps -a --no-trunc --format '{{json .}}'}: one JSON object per container. */
public final class DockerPsParser {
  private DockerPsParser() {}

  /** Labels Compose puts on every container it creates. */
  static final String COMPOSE_PROJECT = "com.docker.compose.project";
  static final String COMPOSE_SERVICE = "com.docker.compose.service";

  /**
   * The columns of {@code docker ps} we use.
   *
   * @param composeProject / composeService from the {@code Labels} column, null when absent
   */
  public record Row(String id, String name, String image, String state, String status, String composeProject,
      String composeService) {
    public Row(String id, String name, String image, String state, String status) {
      this(id, name, image, state, status, null, null);
    }
  }

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
      Map<String, String> labels = labels(JsonLines.text(node, "Labels"));
      rows.add(new Row(id, firstName(JsonLines.text(node, "Names")), JsonLines.text(node, "Image"),
          state != null ? state.toLowerCase(Locale.ROOT) : stateFromStatus(status), status,
          labels.get(COMPOSE_PROJECT), labels.get(COMPOSE_SERVICE)));
    }
    if (withoutId > 0) {
      notes.add("docker ps: " + withoutId + " entries without an ID were ignored");
    }
    return Parsed.of(rows, notes);
  }

  /**
   * {@code Labels} is "k=v,k2=v2". A value may itself contain commas (e.g. Compose's config_files
   * list), so a piece without '=' belongs to the previous value. Only the keys we read are kept,
   * and only values that look like names: they are shown to people and matched, never run.
   */
  static Map<String, String> labels(String text) {
    Map<String, String> labels = new HashMap<>();
    if (text == null || text.isBlank()) return labels;
    for (String piece : text.split(",")) {
      int eq = piece.indexOf('=');
      if (eq <= 0) continue;
      String key = piece.substring(0, eq).strip();
      String value = piece.substring(eq + 1).strip();
      if ((key.equals(COMPOSE_PROJECT) || key.equals(COMPOSE_SERVICE)) && value.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
        labels.put(key, value);
      }
    }
    return labels;
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
