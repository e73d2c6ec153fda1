package rack.loop;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import rack.contain.Containment;
import rack.diagnose.Diagnostics;
import rack.messaging.Messenger;
import rack.probe.HostProbe;
import rack.remedy.Remediation;

/**
 * The activities a loop calls, each stub built per call so its summary names the exact step in the
 * UI ("ssh staging: docker restart api"). Timeouts fit the work: a snapshot can take seconds
 * (docker stats samples twice), a host action a few minutes.
 */
final class LoopActivities {
  /**
   * Failure types an activity raises when retrying cannot help (set by the activity side as the
   * {@code ApplicationFailure} type): an unknown host, a rejected host key, refused credentials.
   */
  static final String[] NON_RETRYABLE = {"UnknownHost", "HostKeyRejected", "AuthFailed", "RelayAuthFailed",
      "IllegalArgumentException"};

  private static final RetryOptions HOST_RETRIES = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(5))
      .setBackoffCoefficient(2.0)
      .setMaximumInterval(Duration.ofMinutes(2))
      .setMaximumAttempts(4)
      .setDoNotRetry(NON_RETRYABLE)
      .build();

  /** Messages keep trying for an hour: a relay outage should delay a message, not lose it. */
  private static final RetryOptions MESSAGE_RETRIES = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(2))
      .setBackoffCoefficient(2.0)
      .setMaximumInterval(Duration.ofMinutes(5))
      .setDoNotRetry(NON_RETRYABLE)
      .build();

  HostProbe probe(String summary) {
    return stub(HostProbe.class, summary, Duration.ofMinutes(3), HOST_RETRIES, null, HostProbe.HEARTBEAT_TIMEOUT);
  }

  Diagnostics diagnostics(String summary) {
    return stub(Diagnostics.class, summary, Duration.ofMinutes(5), HOST_RETRIES, null, HostProbe.HEARTBEAT_TIMEOUT);
  }

  Remediation remediation(String summary) {
    return stub(Remediation.class, summary, Duration.ofMinutes(3), HOST_RETRIES, null, HostProbe.HEARTBEAT_TIMEOUT);
  }

  Containment containment(String summary) {
    return stub(Containment.class, summary, Duration.ofMinutes(3), HOST_RETRIES, null, HostProbe.HEARTBEAT_TIMEOUT);
  }

  Messenger messenger(String summary) {
    return stub(Messenger.class, summary, Duration.ofSeconds(30), MESSAGE_RETRIES, Duration.ofHours(1), null);
  }

  private static <T> T stub(Class<T> type, String summary, Duration startToClose, RetryOptions retries,
      Duration scheduleToClose, Duration heartbeatTimeout) {
    ActivityOptions.Builder options = ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(retries)
        .setSummary(summary);
    if (scheduleToClose != null) options.setScheduleToCloseTimeout(scheduleToClose);
    if (heartbeatTimeout != null) options.setHeartbeatTimeout(heartbeatTimeout);
    return Workflow.newActivityStub(type, options.build());
  }
}
