package rack.model;

/** The two loops of the protocol: A3 (incident response) and A4 (anomaly follow-up). */
public enum LoopKind {
  INCIDENT("incident", "infrastructure monitoring and incident response loop"),
  ANOMALY("anomaly", "infrastructure anomaly follow-up loop");

  private final String id;
  private final String title;

  LoopKind(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** Lower-case word used in workflow ids, the CLI and search attributes. */
  public String id() {
    return id;
  }

  /** The loop's name as the CEO reads it in messages. */
  public String title() {
    return title;
  }

  public static LoopKind fromId(String id) {
    for (LoopKind k : values()) {
      if (k.id.equalsIgnoreCase(id)) return k;
    }
    throw new IllegalArgumentException("unknown loop kind '" + id + "' (expected incident or anomaly)");
  }
}
