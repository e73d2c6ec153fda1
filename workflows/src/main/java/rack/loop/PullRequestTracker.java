package rack.loop;

import java.util.HashSet;
import java.util.Set;

/**
 * The facts the PR signals established, kept so that signals are idempotent and safe in any order:
 * a merge before an open counts as both, a duplicate open is ignored, a close after the merge is
 * ignored, and a PR that was closed or merged in an earlier round never counts again. Each method
 * answers in words what it made of the signal, for the timeline.
 */
final class PullRequestTracker {
  private PullRequest current;
  private boolean merged;
  private boolean closedUnmerged;
  /** A new PR opened while the merged one is still being verified: it counts for the next round. */
  private PullRequest next;
  /** PR numbers already merged in an earlier round or closed without merge. */
  private final Set<Integer> finished = new HashSet<>();

  String opened(PullRequest pr) {
    if (finished.contains(pr.number())) return "PR #" + pr.number() + " opened again: ignored, it was already closed or merged";
    if (isCurrent(pr)) {
      current = richer(current, pr);
      return "PR #" + pr.number() + " opened: duplicate, ignored";
    }
    if (merged) {
      next = pr;
      return "PR #" + pr.number() + " opened while PR #" + current.number() + " is verified: kept for the next round";
    }
    PullRequest previous = current;
    current = pr;
    closedUnmerged = false;
    return previous == null ? "PR #" + pr.number() + " opened" : "PR #" + pr.number() + " opened, replaces PR #" + previous.number();
  }

  String merged(PullRequest pr) {
    if (finished.contains(pr.number())) return "PR #" + pr.number() + " merged: ignored, it belongs to an earlier round";
    if (merged) {
      return isCurrent(pr) ? "PR #" + pr.number() + " merged: duplicate, ignored"
          : "PR #" + pr.number() + " merged: ignored, PR #" + current.number() + " was merged first";
    }
    boolean wasOpen = isCurrent(pr);
    current = wasOpen ? richer(current, pr) : pr;
    merged = true;
    closedUnmerged = false;
    return wasOpen ? "PR #" + pr.number() + " merged" : "PR #" + pr.number() + " merged (counts as opened too)";
  }

  String closed(PullRequest pr) {
    if (merged && isCurrent(pr)) return "PR #" + pr.number() + " closed after its merge: ignored";
    if (finished.contains(pr.number())) return "PR #" + pr.number() + " closed: duplicate, ignored";
    finished.add(pr.number());
    if (isCurrent(pr)) closedUnmerged = true;
    if (next != null && next.number() == pr.number()) next = null;
    return "PR #" + pr.number() + " closed without merge";
  }

  /** A PR is open (or already merged) for this round. */
  boolean hasPullRequest() {
    return current != null && !closedUnmerged;
  }

  boolean merged() {
    return merged;
  }

  boolean closedUnmerged() {
    return closedUnmerged;
  }

  PullRequest current() {
    return current;
  }

  /** The loop told the developer about the closed PR: wait for a new one. */
  void forgetClosed() {
    current = null;
    closedUnmerged = false;
  }

  /** The merged fix did not hold: the next round needs a new PR. */
  void startNewRound() {
    if (current != null) finished.add(current.number());
    current = next != null && !finished.contains(next.number()) ? next : null;
    next = null;
    merged = false;
    closedUnmerged = false;
  }

  private boolean isCurrent(PullRequest pr) {
    return current != null && current.number() == pr.number();
  }

  /** Signals from the CLI may lack the branch or URL that the webhook knew. */
  private static PullRequest richer(PullRequest known, PullRequest update) {
    return new PullRequest(known.number(),
        update.url() != null ? update.url() : known.url(),
        update.branch() != null ? update.branch() : known.branch());
  }
}
