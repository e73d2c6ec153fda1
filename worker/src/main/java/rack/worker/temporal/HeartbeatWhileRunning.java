package rack.worker.temporal;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats every activity that has a heartbeat timeout, for as long as it runs. rack's host
 * activities block in one SSH command at a time and cannot heartbeat themselves; without a
 * heartbeat, an action in flight on a worker that dies (SIGKILL, OOM, a lost machine) is retried
 * only when its start-to-close timeout (minutes) expires. With one, the server sees the silence
 * within the heartbeat timeout and a surviving or restarted worker retries the action at once.
 * (Host actions are safe to repeat: a second restart leaves one running container, a kill
 * re-checks the process's command line first, a cleanup finds nothing left to remove.)
 */
public final class HeartbeatWhileRunning extends WorkerInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatWhileRunning.class);
  /** Beats per heartbeat timeout: a late beat or two never lets the timeout fire. */
  private static final int BEATS_PER_TIMEOUT = 4;

  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "rack-activity-heartbeat");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        Duration timeout = context.getInfo().getHeartbeatTimeout();
        if (timeout == null || timeout.isZero()) return super.execute(input);
        long periodMillis = Math.max(100, timeout.toMillis() / BEATS_PER_TIMEOUT);
        ScheduledFuture<?> beats = ticker.scheduleAtFixedRate(this::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        try {
          return super.execute(input);
        } finally {
          beats.cancel(false);
        }
      }

      private void beat() {
        try {
          context.heartbeat(null);
        } catch (RuntimeException e) {
          // Cancelled or timed out on the server side: the activity's own outcome reports it.
          log.debug("heartbeat of {} not recorded: {}", context.getInfo().getActivityType(), e.toString());
        }
      }
    };
  }

  /** Stops the ticker (the worker is shutting down). */
  public void close() {
    ticker.shutdownNow();
  }
}
