package rack.worker.github;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which loop a pull request belongs to, as the developer's hand-off tells them to name it: branch
 * {@code rack/<loop-id>}, branch {@code fix/<loop-id>[-anything]}, or a {@code Rack-Loop: <loop-id>}
 * line in the PR description.
 *
 * <p>A {@code fix/} branch is ambiguous ({@code fix/incident-staging-disk-full-var-cleanup}: where
 * does the loop id end?), so it yields every dash-separated prefix, longest first, and the caller
 * picks the first one that is a running loop.
 */
public final class LoopReference {
  /** Loop ids are fingerprints: {@code <incident|anomaly>-<host>-<kind>-<subject>}, see {@code Finding}. */
  private static final Pattern LOOP_ID = Pattern.compile("(?:incident|anomaly)-[a-z0-9._-]+");
  private static final Pattern BODY_LINE =
      Pattern.compile("^\\s*Rack-Loop:\\s*(\\S+)\\s*$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final String RACK_BRANCH = "rack/";
  private static final String FIX_BRANCH = "fix/";

  private LoopReference() {}

  /**
   * Loop ids the PR may refer to, most explicit first: the {@code rack/} branch, the {@code
   * Rack-Loop:} line, then the prefixes of a {@code fix/} branch. Only well-formed loop ids.
   */
  public static List<String> candidates(String branch, String body) {
    Set<String> ids = new LinkedHashSet<>();
    if (branch != null && branch.startsWith(RACK_BRANCH)) {
      addIfLoopId(ids, branch.substring(RACK_BRANCH.length()));
    }
    if (body != null) {
      Matcher line = BODY_LINE.matcher(body);
      while (line.find()) addIfLoopId(ids, line.group(1));
    }
    if (branch != null && branch.startsWith(FIX_BRANCH)) {
      ids.addAll(prefixesLongestFirst(branch.substring(FIX_BRANCH.length())));
    }
    return List.copyOf(ids);
  }

  private static List<String> prefixesLongestFirst(String rest) {
    rest = rest.toLowerCase(Locale.ROOT);
    List<String> prefixes = new ArrayList<>();
    for (int end = rest.length(); end > 0; end = rest.lastIndexOf('-', end - 1)) {
      String prefix = rest.substring(0, end);
      if (isLoopId(prefix)) prefixes.add(prefix);
    }
    return prefixes;
  }

  private static void addIfLoopId(Set<String> ids, String candidate) {
    String id = candidate.strip().toLowerCase(Locale.ROOT);
    if (isLoopId(id)) ids.add(id);
  }

  static boolean isLoopId(String s) {
    return LOOP_ID.matcher(s).matches() && !s.endsWith("-");
  }
}
