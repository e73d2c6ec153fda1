package rack.loop;

/** A pull request as the developer (or GitHub's webhook) reports it to a loop. */
public record PullRequest(int number, String url, String branch) {}
