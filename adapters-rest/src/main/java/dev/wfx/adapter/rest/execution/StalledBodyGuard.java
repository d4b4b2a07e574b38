package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.connection.CutOffTimer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * Cuts off a client that stops sending its request body: when one read waits longer than the
 * timeout, or past the request's deadline, the reading thread is interrupted, which closes the
 * connection's channel under it.
 *
 * <p>Helidon applies no read timeout to server connections and its idle-connection check
 * interrupts only a wait for a request line, never a body read, so a stalled upload would
 * otherwise hold its connection forever.
 */
final class StalledBodyGuard extends FilterInputStream {

  private final long timeoutNanos;
  private final RequestDeadline deadline;
  private final Thread reader = Thread.currentThread();
  private final Object lock = new Object();
  private boolean reading;
  private boolean cutOff;

  StalledBodyGuard(InputStream body, Duration timeout, RequestDeadline deadline) {
    super(body);
    this.timeoutNanos = timeout.toNanos();
    this.deadline = deadline;
  }

  @Override
  public int read() throws IOException {
    ScheduledFuture<?> timer = arm();
    try {
      return super.read();
    } finally {
      disarm(timer);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    ScheduledFuture<?> timer = arm();
    try {
      return super.read(buffer, offset, length);
    } finally {
      disarm(timer);
    }
  }

  private ScheduledFuture<?> arm() {
    synchronized (lock) {
      reading = true;
    }
    // A body that trickles in, each read within the timeout, still ends at the deadline.
    long wait = Math.min(timeoutNanos, deadline.remainingNanos());
    return CutOffTimer.schedule(this::cutOff, wait);
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

  private void disarm(ScheduledFuture<?> timer) throws InterruptedIOException {
    timer.cancel(false);
    synchronized (lock) {
      reading = false;
      if (cutOff) {
        // The interrupt must not outlive this read, whether or not it ended the read itself.
        Thread.interrupted();
        throw new InterruptedIOException(
            deadline.passed()
                ? "the body was still arriving at the request timeout"
                : "the client sent no body data for too long");
      }
    }
  }
}
