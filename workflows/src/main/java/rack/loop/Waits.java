package rack.loop;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every wait of a loop is a timer with a summary, so the UI says what the loop waits for
 * ({@code Workflow.await(Duration, ...)} cannot carry one).
 */
final class Waits {
  private Waits() {}

  /** @return true when the condition came true, false when the timer fired first */
  static boolean until(Duration timeout, String summary, Supplier<Boolean> condition) {
    if (condition.get()) return true;
    if (timeout.isZero() || timeout.isNegative()) return false;
    @SuppressWarnings("unchecked")
    Promise<Void>[] timer = new Promise[1];
    CancellationScope scope = Workflow.newCancellationScope(() -> timer[0] = Workflow.newTimer(timeout, options(summary)));
    scope.run();
    Workflow.await(() -> timer[0].isCompleted() || condition.get());
    // A condition that came true leaves the timer pending: cancel it so it does not fire into history later.
    if (!timer[0].isCompleted()) {
      scope.cancel();
      // Read the expected CanceledFailure, or the SDK logs it as "never accessed" with a stack trace.
      timer[0].exceptionally(cancelled -> null);
    }
    return condition.get();
  }

  static void sleep(Duration duration, String summary) {
    if (duration.isZero() || duration.isNegative()) return;
    Workflow.newTimer(duration, options(summary)).get();
  }

  private static TimerOptions options(String summary) {
    return TimerOptions.newBuilder().setSummary(summary).build();
  }
}
