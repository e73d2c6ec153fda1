package rack.probe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker inspect --format} with {@link #FORMAT}: one small JSON object per container holding
 * only what detection needs, instead of the full multi-kilobyte inspect document.
 */
public final class DockerInspectParser {
  /** Go template for {@code docker inspect --format}; every value is emitted through {@code json}. */
  public static final String FORMAT = "{\"Id\":{{json .Id}},\"Name\":{{json .Name}},"
      + "\"RestartCount\":{{json .RestartCount}},\"State\":{{json .State}},"
      + "\"RestartPolicy\":{{json .HostConfig.RestartPolicy}},\"MemoryLimit\":{{json .HostConfig.Memory}}}";

  private DockerInspectParser() {}

  /**
   * @param exitCode null while the container is running (docker reports 0 then)
   * @param memoryLimitBytes 0 when the container has no limit
   */
  public record Row(String id, int restartCount, boolean oomKilled, Integer exitCode, String restartPolicy,
      long memoryLimitBytes) {}

  /** Rows by full container id. */
  public static Parsed<Map<String, Row>> parse(String output) {
    List<String> notes = new ArrayList<>();
    Map<String, Row> rows = new LinkedHashMap<>();
    for (JsonNode node : JsonLines.objects(output, "docker inspect", notes)) {
      String id = JsonLines.text(node, "Id");
      if (id == null) {
        notes.add("docker inspect: an entry without Id was ignored");
        continue;
      }
      JsonNode state = node.path("State");
      boolean running = state.path("Running").asBoolean(false);
      JsonNode exit = state.get("ExitCode");
      rows.put(id, new Row(id,
          node.path("RestartCount").asInt(0),
          state.path("OOMKilled").asBoolean(false),
          running || exit == null || !exit.canConvertToInt() ? null : exit.asInt(),
          restartPolicy(node.path("RestartPolicy")),
          node.path("MemoryLimit").asLong(0)));
    }
    return Parsed.of(rows, notes);
  }

  /** "always", "unless-stopped", "no", or "on-failure:5" when a retry limit is set. */
  private static String restartPolicy(JsonNode policy) {
    String name = JsonLines.text(policy, "Name");
    if (name == null || name.isEmpty()) {
      return name == null ? null : "no";
    }
    int max = policy.path("MaximumRetryCount").asInt(0);
    return max > 0 ? name + ":" + max : name;
  }
}
