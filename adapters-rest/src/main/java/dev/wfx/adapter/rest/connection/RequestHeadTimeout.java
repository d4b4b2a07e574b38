package dev.wfx.adapter.rest.connection;

import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.Objects;

/**
 * Cuts off a client that stalls before its request is complete: its connection is closed when it
 * sends no request line within the timeout (of connecting, or of its previous answer: an idle
 * keep-alive connection), or does not finish its header lines within the timeout of its request
 * line. A client sending a byte now and then gains nothing; bodies and answers are not affected.
 *
 * <p>Helidon has no read timeout for server connections. Its idle-connection check does interrupt
 * a connection that waits for a request line, so it takes the first part; once the request line is
 * in, that check no longer interrupts, and {@link StalledHeadersGuard} takes the header lines.
 *
 * @param timeout at least one second: Helidon's idle check counts whole seconds
 */
public record RequestHeadTimeout(Duration timeout) {

  public static final Duration DEFAULT = Duration.ofSeconds(10);

  private static final Duration MINIMUM = Duration.ofSeconds(1);
  private static final Duration LONGEST_CHECK_PERIOD = Duration.ofSeconds(1);

  public RequestHeadTimeout {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.compareTo(MINIMUM) < 0) {
      throw new IllegalArgumentException(
          "the request head timeout must be at least " + MINIMUM + ", was " + timeout);
    }
  }

  /**
   * Sets the idle-connection check of {@code listener}, replacing any configured before, and makes
   * strict HTTP/1.1 with the header guard ({@link StrictHttp1Connections}) its only connections.
   */
  public void applyTo(ListenerConfig.BuilderBase<?, ?> listener) {
    Duration period = timeout.dividedBy(10);
    listener
        // With a second protocol or selector Helidon would read a new connection's first bytes to
        // choose one, before the idle check can see the connection: a client sending nothing
        // would stay.
        .protocolsDiscoverServices(false)
        .idleConnectionTimeout(idleCheckTimeout())
        .idleConnectionPeriod(
            period.compareTo(LONGEST_CHECK_PERIOD) > 0 ? LONGEST_CHECK_PERIOD : period)
        .addConnectionSelector(
            new StrictHttp1Connections(
                Http1Config.builder().addReceiveListener(new StalledHeadersGuard(timeout)).build()));
  }

  /**
   * The idle timeout that closes a connection no sooner than {@link #timeout}. Helidon measures
   * idle time on a clock that ticks once a second, so a connection given {@code n} whole seconds is
   * closed after between {@code n - 1} and {@code n + 1} seconds, plus the check period: given the
   * timeout rounded up and one second more, it is closed within three seconds after the timeout.
   */
  Duration idleCheckTimeout() {
    long wholeSeconds = timeout.toSeconds() + (timeout.toNanosPart() == 0 ? 0 : 1);
    return Duration.ofSeconds(wholeSeconds + 1);
  }
}
