package dev.wfx.adapter.rest.connection;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * Closes the connection of a client whose header lines have not all arrived within the timeout of
 * its request line. One shared timer thread serves every connection.
 */
final class StalledHeadersGuard implements Http1ConnectionListener {

  private final long timeoutNanos;
  /** Connections that have sent a request line and not yet all its headers. */
  private final Map<ConnectionContext, Watch> awaitingHeaders = new ConcurrentHashMap<>();

  StalledHeadersGuard(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public void prologue(ConnectionContext connection, HttpPrologue prologue) {
    Watch watch = new Watch(connection);
    awaitingHeaders.put(connection, watch);
    watch.timer = CutOffTimer.schedule(watch, timeoutNanos);
  }

  @Override
  public void headers(ConnectionContext connection, Headers headers) {
    Watch watch = awaitingHeaders.remove(connection);
    if (watch != null) {
      watch.timer.cancel(false);
    }
  }

  /**
   * The cut-off of one head. It acts only while it is still its connection's watch: a head that
   * fails ends its connection in Helidon, and its watch then finds nothing to do.
   */
  private final class Watch implements Runnable {

    private final ConnectionContext connection;
    private ScheduledFuture<?> timer;

    private Watch(ConnectionContext connection) {
      this.connection = connection;
    }

    @Override
    public void run() {
      if (!awaitingHeaders.remove(connection, this)) {
        return;
      }
      try {
        // Closing the socket ends the blocked header read with an I/O error, which Helidon
        // answers by dropping the connection quietly; it touches no other connection.
        connection.serverSocket().close();
      } catch (UncheckedIOException alreadyGone) {
        // The client or Helidon closed it first: nothing is left to cut off.
      }
    }
  }
}
