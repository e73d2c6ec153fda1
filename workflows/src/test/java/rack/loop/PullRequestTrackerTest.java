package rack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PullRequestTrackerTest {
  private static final PullRequest PR_1 = new PullRequest(1, "u1", "rack/x");
  private static final PullRequest PR_1_NO_BRANCH = new PullRequest(1, "u1", null);
  private static final PullRequest PR_2 = new PullRequest(2, "u2", "rack/y");

  @Test
  void mergeBeforeOpenCountsAsBothAndKeepsTheBranch() {
    PullRequestTracker prs = new PullRequestTracker();
    prs.opened(PR_1);
    prs.merged(PR_1_NO_BRANCH);
    assertTrue(prs.hasPullRequest() && prs.merged());
    assertEquals("rack/x", prs.current().branch());

    PullRequestTracker early = new PullRequestTracker();
    assertEquals("PR #1 merged (counts as opened too)", early.merged(PR_1));
    assertTrue(early.hasPullRequest());
  }

  @Test
  void closeAfterMergeIsIgnored() {
    PullRequestTracker prs = new PullRequestTracker();
    prs.merged(PR_1);
    assertEquals("PR #1 closed after its merge: ignored", prs.closed(PR_1));
    assertTrue(prs.merged());
    assertFalse(prs.closedUnmerged());
  }

  @Test
  void closedPrNeverCountsAgain() {
    PullRequestTracker prs = new PullRequestTracker();
    prs.opened(PR_1);
    prs.closed(PR_1);
    assertTrue(prs.closedUnmerged());
    prs.forgetClosed();
    prs.opened(PR_1);
    assertFalse(prs.hasPullRequest());
    prs.opened(PR_2);
    assertEquals(2, prs.current().number());
  }

  @Test
  void aNewRoundForgetsTheMergedPrButKeepsOneOpenedDuringVerification() {
    PullRequestTracker prs = new PullRequestTracker();
    prs.merged(PR_1);
    prs.opened(PR_2); // developer already opened the next fix
    prs.startNewRound();
    assertFalse(prs.merged());
    assertEquals(2, prs.current().number());
    prs.merged(PR_1); // stale webhook redelivery of the old merge
    assertFalse(prs.merged());

    PullRequestTracker plain = new PullRequestTracker();
    plain.merged(PR_1);
    plain.startNewRound();
    assertNull(plain.current());
  }
}
