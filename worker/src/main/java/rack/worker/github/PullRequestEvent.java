package rack.worker.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import rack.loop.LoopWorkflow;
import rack.loop.PullRequest;

/**
 * The parts of a GitHub {@code pull_request} webhook payload rack uses.
 *
 * @param headRef the PR's branch ({@code pull_request.head.ref}), which names the loop
 * @param body the PR description, which may name the loop in a {@code Rack-Loop:} line; may be null
 */
public record PullRequestEvent(String action, int number, String url, String headRef, String body, boolean merged) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a {@code pull_request} event payload; throws if it is not JSON or has no pull request. */
  public static PullRequestEvent parse(byte[] payload) throws MalformedEventException {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw new MalformedEventException("payload is not JSON");
    }
    JsonNode pr = root == null ? null : root.get("pull_request");
    if (pr == null || !pr.isObject() || !root.path("action").isTextual() || !pr.path("number").canConvertToInt()) {
      throw new MalformedEventException("payload has no action or pull_request.number");
    }
    return new PullRequestEvent(
        root.get("action").asText(),
        pr.get("number").asInt(),
        text(pr.get("html_url")),
        text(pr.path("head").get("ref")),
        text(pr.get("body")),
        pr.path("merged").asBoolean(false));
  }

  /**
   * The loop signal this event means: opened or reopened → {@code prOpened}; closed → {@code
   * prMerged} or {@code prClosed}. Other actions (edited, synchronize, labeled...) mean nothing to a loop.
   */
  public Optional<String> signal() {
    return switch (action) {
      case "opened", "reopened" -> Optional.of(LoopWorkflow.SIGNAL_PR_OPENED);
      case "closed" -> Optional.of(merged ? LoopWorkflow.SIGNAL_PR_MERGED : LoopWorkflow.SIGNAL_PR_CLOSED);
      default -> Optional.empty();
    };
  }

  public PullRequest pullRequest() {
    return new PullRequest(number, url, headRef);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** The payload cannot be read as a pull request event. */
  public static final class MalformedEventException extends Exception {
    public MalformedEventException(String message) {
      super(message);
    }
  }
}
