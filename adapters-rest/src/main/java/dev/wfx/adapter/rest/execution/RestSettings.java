package dev.wfx.adapter.rest.execution;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP API that bootstrap reads from configuration.
 *
 * @param maxHistoryBodyBytes the largest history body a POST may send (spec §8: 64 MiB by default)
 * @param documentCacheBytes the most bytes of rendered documents kept for later readers (0: none)
 * @param bodyReadTimeout how long a client may send no body data before it is cut off
 * @param requestTimeout how long after its head arrived a request may still start new work: the
 *     body read is cut off at it, and no database work starts after it (503)
 * @param writeLimits events per batch and writes in flight
 */
public record RestSettings(
    long maxHistoryBodyBytes,
    long documentCacheBytes,
    Duration bodyReadTimeout,
    Duration requestTimeout,
    WriteLimits writeLimits) {

  public static final long DEFAULT_MAX_HISTORY_BODY_BYTES = 64L * 1024 * 1024;
  public static final long DEFAULT_DOCUMENT_CACHE_BYTES = 128L * 1024 * 1024;
  public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final RestSettings DEFAULTS =
      new RestSettings(
          DEFAULT_MAX_HISTORY_BODY_BYTES,
          DEFAULT_DOCUMENT_CACHE_BYTES,
          DEFAULT_BODY_READ_TIMEOUT,
          DEFAULT_REQUEST_TIMEOUT,
          WriteLimits.DEFAULTS);

  public RestSettings {
    if (maxHistoryBodyBytes < 1) {
      throw new IllegalArgumentException("the history body limit must be positive");
    }
    if (documentCacheBytes < 0) {
      throw new IllegalArgumentException("the document cache size must not be negative");
    }
    Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
    if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
      throw new IllegalArgumentException("the body read timeout must be positive");
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the request timeout must be positive");
    }
    Objects.requireNonNull(writeLimits, "writeLimits");
  }

  /** This body limit with the default document cache, timeouts and write limits. */
  public RestSettings(long maxHistoryBodyBytes) {
    this(
        maxHistoryBodyBytes,
        DEFAULT_DOCUMENT_CACHE_BYTES,
        DEFAULT_BODY_READ_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        WriteLimits.DEFAULTS);
  }

  /** These settings with another request timeout. */
  public RestSettings withRequestTimeout(Duration timeout) {
    return new RestSettings(
        maxHistoryBodyBytes, documentCacheBytes, bodyReadTimeout, timeout, writeLimits);
  }

  /** These settings with other write limits. */
  public RestSettings withWriteLimits(WriteLimits limits) {
    return new RestSettings(
        maxHistoryBodyBytes, documentCacheBytes, bodyReadTimeout, requestTimeout, limits);
  }
}
