package rack.detect;

/**
 * Something a person dismissed as a false positive, so the scan does not flag it again: a process
 * (by name, executable and script) or a persistence line, as the baseline keys it. Kept with who
 * decided, in which loop and when, so {@code ./rack baseline show} can say why it is accepted and
 * {@code ./rack baseline forget} can undo exactly one decision.
 *
 * @param kind process | cron | systemd | authorized_key | ld_preload
 * @param key the baseline key (see {@link Acceptance})
 * @param atMillis workflow time of the decision (epoch ms)
 */
public record AcceptedEntry(String kind, String key, String loopId, String by, long atMillis) {
  public static final String PROCESS = "process";
  public static final String CRON = "cron";
  public static final String SYSTEMD = "systemd";
  public static final String AUTHORIZED_KEY = "authorized_key";
  public static final String LD_PRELOAD = "ld_preload";

  /** The same thing accepted, whoever decided it. */
  public boolean sameAs(AcceptedEntry other) {
    return other != null && kind.equals(other.kind) && key.equals(other.key);
  }
}
