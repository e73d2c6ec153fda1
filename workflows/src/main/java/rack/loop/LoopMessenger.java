package rack.loop;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rack.config.People;
import rack.messaging.Message;
import rack.messaging.MessageKind;
import rack.messaging.Recipient;
import rack.model.Finding;
import rack.model.LoopKind;

/**
 * Every message a loop sends, and the CEO rule (DESIGN A5) in one place: the CEO hears only that a
 * loop starts, that a PR is ready, that the loop resolved or restarts, and escalations. Each message
 * has an idempotency key {@code <workflow id>/<step>} whose step carries the round
 * ({@code pr-ready#2/pr-41}); a key is never sent twice by the workflow, and the messenger activity
 * passes it to the relay so its own retries deliver once.
 *
 * <p>Restore first: a message is delivered in the background (its own workflow thread), so a relay
 * outage delays only the messages, never a restart or a containment step behind them. Messages to
 * one recipient are delivered one after the other in the order the loop sent them (each waits for
 * the one before it), so "PR ready" never overtakes "anomaly detected". The loop ends only after
 * {@link #awaitDelivered()}.
 */
final class LoopMessenger {
  private final LoopState state;
  private final LoopActivities activities;
  private final People people;
  private final boolean inBackground;
  /** Per recipient, the delivery of the last message sent to it: the next one waits for it. */
  private final Map<Recipient, Promise<Void>> lastDelivery = new EnumMap<>(Recipient.class);
  /** Recipients the loop has addressed (delivered or not yet): the CEO's first message opens differently. */
  private final Set<Recipient> addressed = EnumSet.noneOf(Recipient.class);

  /** @param inBackground false only when replaying a loop started before messages went to the background */
  LoopMessenger(LoopState state, LoopActivities activities, People people, boolean inBackground) {
    this.state = state;
    this.activities = activities;
    this.people = people;
    this.inBackground = inBackground;
  }

  // --- the CEO: exactly the situations of A5 ---

  /** A3.2. */
  void incidentStarted(Finding finding) {
    send(MessageKind.LOOP_STARTED, "loop-started", "Staging anomaly detected: " + what(finding)
        + ". Starting " + LoopKind.INCIDENT.title() + ".");
  }

  /** A4.2; {@code remediated} says honestly how far containment got ("Remediated"). */
  void anomalyStarted(Finding finding, String remediated) {
    send(MessageKind.LOOP_STARTED, "loop-started", "Infrastructure anomaly detected: " + what(finding) + ". "
        + remediated + ". Starting " + LoopKind.ANOMALY.title() + ".");
  }

  /** A3.7. */
  void prReady(PullRequest pr, String rootCause, int round) {
    String branch = pr.branch() != null ? pr.branch() : "PR #" + pr.number() + (pr.url() == null ? "" : " " + pr.url());
    send(MessageKind.PR_READY, "pr-ready#" + round + "/pr-" + pr.number(),
        "PR ready for approval: " + branch + ". Root cause: " + oneLine(rootCause) + ".");
  }

  /** A3.9 / A4.4. */
  void resolved() {
    String outcome = state.kind == LoopKind.ANOMALY ? "Host clean, permanent fix merged."
        : "All services healthy, permanent fix merged.";
    send(MessageKind.LOOP_RESOLVED, "resolved", title() + " resolved. " + outcome);
  }

  /** A3.9: the fix did not hold. */
  void restarting(int round) {
    send(MessageKind.LOOP_RESTARTING, "restarting#" + round,
        title() + ": issue recurred after first fix. Restarting loop with " + people.developer() + ".");
  }

  /** A3.10 and every case where rack must stop and hand over to a human. */
  void escalate(String step, String reason, String context) {
    send(MessageKind.ESCALATION, "escalation-" + step, "Escalation, " + state.kind.title() + " " + state.loopId
        + " on " + state.finding.host() + ": " + reason + (context == null || context.isBlank() ? "" : "\n\n" + context));
  }

  /**
   * rack will not act alone: ask once, with the exact commands. When the CEO has not heard of this
   * loop yet, this is its first message and opens like the loop-started one.
   */
  void decisionRequested(String step, Finding finding, String reason, String planned) {
    boolean first = !addressed.contains(Recipient.CEO);
    String opening = !first ? "Decision needed, " + state.kind.title() + " " + state.loopId + " on " + state.finding.host() + ": "
        : (state.kind == LoopKind.ANOMALY ? "Infrastructure anomaly detected: " : "Staging anomaly detected: ") + what(finding)
            + ". Starting " + state.kind.title() + " " + state.loopId + ", which waits for your decision: ";
    send(MessageKind.ESCALATION, "decision#" + step, opening + "rack will not act alone (" + oneLine(reason) + ")."
        + (planned == null || planned.isBlank() ? "" : " Planned: " + planned + ".")
        + "\nApprove: ./rack loop approve " + state.loopId + " [--note TEXT]"
        + "\nDismiss as a false positive: ./rack loop dismiss " + state.loopId + " --reason TEXT");
  }

  void decisionReminder(String step, String waited) {
    send(MessageKind.ESCALATION, "decision-reminder#" + step, "Reminder: " + state.loopId + " on " + state.finding.host()
        + " has waited " + waited + " for your decision.\nApprove: ./rack loop approve " + state.loopId
        + " [--note TEXT]\nDismiss as a false positive: ./rack loop dismiss " + state.loopId + " --reason TEXT");
  }

  /** A4.4 / A3.9 for a loop a person dismissed: the resolution, honestly worded. */
  void dismissed(Decision decision) {
    send(MessageKind.LOOP_RESOLVED, "resolved", title() + " resolved: dismissed as a false positive by " + decision.by()
        + " (" + oneLine(decision.text()) + "). rack took no further action.");
  }

  // --- the developer ---

  void report(String markdown) {
    send(MessageKind.DIAGNOSTIC_REPORT, "report", markdown);
  }

  void updatedDiagnostics(String markdown, int round) {
    send(MessageKind.UPDATED_DIAGNOSTICS, "updated-diagnostics#" + round, markdown);
  }

  void prReminder(String step, String text) {
    send(MessageKind.PR_REMINDER, "pr-reminder#" + step, text);
  }

  void prClosedUnmerged(PullRequest pr) {
    send(MessageKind.PR_CLOSED_UNMERGED, "pr-closed/pr-" + pr.number(), "PR #" + pr.number()
        + " for " + state.loopId + " was closed without merge. The loop waits for a new PR with the fix; "
        + "link it with the branch `rack/" + state.loopId + "` or `Rack-Loop: " + state.loopId + "` in its body.");
  }

  void postMortem(String markdown) {
    send(MessageKind.POST_MORTEM, "post-mortem", markdown);
  }

  /** Waits until every message sent so far has been delivered (or given up on): the loop's last step. */
  void awaitDelivered() {
    if (!lastDelivery.isEmpty()) Promise.allOf(List.copyOf(lastDelivery.values())).get();
  }

  private void send(MessageKind kind, String step, String text) {
    String key = state.loopId + "/" + step;
    if (!state.messageKeys.add(key)) {
      state.note("message", kind + " " + step + " already sent: not sent twice");
      return;
    }
    Recipient recipient = kind.recipient();
    addressed.add(recipient);
    if (!inBackground) {
      deliver(kind, text, key);
      return;
    }
    Promise<Void> before = lastDelivery.getOrDefault(recipient, Workflow.newPromise(null));
    lastDelivery.put(recipient, Async.procedure(() -> {
      before.get();
      deliver(kind, text, key);
    }));
  }

  /** One message through the relay; the activity retries for up to an hour (see {@link LoopActivities}). */
  private void deliver(MessageKind kind, String text, String key) {
    String to = kind.recipient().name().toLowerCase();
    try {
      activities.messenger("relay: " + to + " " + kind.name().toLowerCase().replace('_', ' '))
          .send(new Message(kind, text, key));
      state.messagesSent.add(kind);
      LoopMetrics.messageSent(kind);
      state.note("message", kind + " to " + to);
    } catch (ActivityFailure e) {
      // The relay stayed unreachable for the whole retry window: keep the loop going, say so.
      state.note("message-failed", kind + " to " + to + ": " + rootMessage(e));
    }
  }

  private String title() {
    return LoopContext.capitalized(state.kind.title());
  }

  private static String what(Finding finding) {
    String summary = oneLine(finding.summary());
    return summary.endsWith(".") ? summary.substring(0, summary.length() - 1) : summary;
  }

  static String oneLine(String text) {
    if (text == null) return "";
    String line = text.lines().findFirst().orElse("").strip();
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage();
  }
}
