package rack.loop;

import java.util.List;
import java.util.Optional;
import rack.model.Finding;
import rack.model.HostSnapshot;

/** How a verification check recognises that the loop's problem is back. */
interface Recurrence {
  /** @return what shows the problem is back, or empty when this check is clean */
  Optional<Sighting> check(HostSnapshot snapshot, List<Finding> findings);

  /** The problem seen again: in words, with the finding when the detector produced one. */
  record Sighting(String what, Finding finding) {}

  /** The incident is back when the detector reports the loop's fingerprint again. */
  static Recurrence sameFingerprint(Finding original) {
    return (snapshot, findings) -> findings.stream()
        .filter(f -> f.fingerprint().equals(original.fingerprint()))
        .findFirst()
        .map(f -> new Sighting(f.summary(), f));
  }
}
