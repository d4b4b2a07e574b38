package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.error.ApiProblem;
import dev.wfx.adapter.rest.error.Problems;
import java.time.Duration;

/**
 * The point in time after which a request starts no new work ({@code wfx.request-timeout}): the
 * handler checks it between stages and the body read is cut off at it.
 *
 * <p>It never interrupts database work already started: an append is one transaction that the
 * statement timeout bounds, and stopping it halfway could only make its outcome unknown.
 */
final class RequestDeadline {

  private final Duration timeout;
  private final long endNanos;

  private RequestDeadline(Duration timeout, long endNanos) {
    this.timeout = timeout;
    this.endNanos = endNanos;
  }

  /** The deadline {@code timeout} from now. */
  static RequestDeadline after(Duration timeout) {
    return new RequestDeadline(timeout, System.nanoTime() + timeout.toNanos());
  }

  /** Nanoseconds left, zero once passed. */
  long remainingNanos() {
    return Math.max(0, endNanos - System.nanoTime());
  }

  boolean passed() {
    return remainingNanos() == 0;
  }

  /**
   * Throws the 503 answer when the deadline has passed, before the request starts {@code next}.
   *
   * @param next what the request would do now, for the detail ("storing the batch")
   */
  void check(String next) {
    if (passed()) {
      throw expired(next);
    }
  }

  /** The 503 answer of a request stopped by its deadline before {@code next}. */
  ApiProblem expired(String next) {
    return Problems.unavailable(
        "The request took longer than the request timeout of "
            + timeout.toMillis()
            + " ms and was stopped before "
            + next
            + "; nothing was stored by it. Send it again after the Retry-After delay.");
  }
}
