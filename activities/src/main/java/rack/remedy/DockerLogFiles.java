package rack.remedy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The json-file logs docker itself manages, as {@code docker inspect --format '{{.LogPath}}'} reports
 * them. Only paths of the exact shape {@code <root>/containers/<id>/<id>-json.log} are kept, so a
 * truncate can never reach another file, whatever a container or the daemon reports.
 */
final class DockerLogFiles {
  static final String LIST_COMMAND =
      "docker ps -aq --no-trunc | xargs -r docker inspect --format '{{.LogPath}}'";
  private static final Pattern MANAGED_LOG =
      Pattern.compile("^/[A-Za-z0-9_./-]*/containers/([0-9a-f]{64})/\\1-json\\.log$");

  private DockerLogFiles() {}

  static List<String> managedPaths(String inspectOutput) {
    return inspectOutput.lines().map(String::strip)
        .filter(line -> MANAGED_LOG.matcher(line).matches() && !line.contains("/../"))
        .distinct().toList();
  }
}
