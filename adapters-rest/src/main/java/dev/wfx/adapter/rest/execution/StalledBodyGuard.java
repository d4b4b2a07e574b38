package dev.wfx.adapter.rest.execution;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off a client that stops sending its request body: when one read waits longer than the
 * timeout, the reading thread is interrupted, which closes the connection's channel under it.
 *
 * <p>Helidon applies no read timeout to server connections and its idle-connection check does not
 * interrupt a read in progress, so a stalled upload would otherwise hold its connection forever.
 */
final class StalledBodyGuard extends FilterInputStream {

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final long timeoutNanos;
  private final Thread reader = Thread.currentThread();
  private final Object lock = new Object();
  private boolean reading;
  private boolean cutOff;

  StalledBodyGuard(InputStream body, Duration timeout) {
    super(body);
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public int read() throws IOException {
    ScheduledFuture<?> deadline = arm();
    try {
      return super.read();
    } finally {
      disarm(deadline);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    ScheduledFuture<?> deadline = arm();
    try {
      return super.read(buffer, offset, length);
    } finally {
      disarm(deadline);
    }
  }

  private ScheduledFuture<?> arm() {
    synchronized (lock) {
      reading = true;
    }
    return TIMER.schedule(this::cutOff, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void cutOff() {
    synchronized (lock) {
      // Only a read still waiting is interrupted, never the work that follows it.
      if (reading) {
        cutOff = true;
        reader.interrupt();
      }
    }
  }

  private void disarm(ScheduledFuture<?> deadline) throws InterruptedIOException {
    deadline.cancel(false);
    synchronized (lock) {
      reading = false;
      if (cutOff) {
        // The interrupt must not outlive this read, whether or not it ended the read itself.
        Thread.interrupted();
        throw new InterruptedIOException("the client sent no body data for too long");
      }
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "wfx-stalled-body-guard");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
