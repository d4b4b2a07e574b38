package dev.wfx.adapter.rest.connection;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread that cuts off stalled clients, for the head and the body guards alike: a
 * cut-off only closes a socket or interrupts a reader, so one thread serves every connection.
 */
public final class CutOffTimer {

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private CutOffTimer() {}

  /** Runs {@code cutOff} after {@code nanos} unless the returned future is cancelled first. */
  public static ScheduledFuture<?> schedule(Runnable cutOff, long nanos) {
    return TIMER.schedule(cutOff, nanos, TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "wfx-cut-off-timer");
              thread.setDaemon(true);
              return thread;
            });
    // Nearly every timer is cancelled (the data came): drop them at once, not when they expire.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
