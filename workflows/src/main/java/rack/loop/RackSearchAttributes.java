package rack.loop;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * rack's custom search attributes (DESIGN B2), registered at start-up (dev mode) or by the compose
 * admin-tools job (production). Filter in the UI with e.g. {@code RackHost = "staging"}.
 */
public final class RackSearchAttributes {
  public static final SearchAttributeKey<String> HOST = SearchAttributeKey.forKeyword("RackHost");
  public static final SearchAttributeKey<String> LOOP_KIND = SearchAttributeKey.forKeyword("RackLoopKind");
  public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("RackPhase");
  public static final SearchAttributeKey<String> SEVERITY = SearchAttributeKey.forKeyword("RackSeverity");

  public static final List<SearchAttributeKey<String>> ALL = List.of(HOST, LOOP_KIND, PHASE, SEVERITY);

  private RackSearchAttributes() {}
}
