package rack.probe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Output with one JSON object per line, as {@code docker ... --format '{{json .}}'} prints it. */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  static List<JsonNode> objects(String output, String what, List<String> notes) {
    List<JsonNode> objects = new ArrayList<>();
    BadLines bad = new BadLines(what);
    for (String line : Lines.of(output, what, notes)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if (node != null && node.isObject()) {
          objects.add(node);
        } else {
          bad.add(line);
        }
      } catch (Exception e) {
        bad.add(line);
      }
    }
    bad.reportTo(notes);
    return objects;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
