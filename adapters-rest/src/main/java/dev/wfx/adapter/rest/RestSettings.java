package dev.wfx.adapter.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP API that bootstrap reads from configuration.
 *
 * @param maxHistoryBodyBytes the largest history body a POST may send (spec §8: 64 MiB by default)
 * @param documentCacheBytes the most bytes of rendered documents kept for later readers (0: none)
 * @param bodyReadTimeout how long a client may send no body data before it is cut off
 */
public record RestSettings(
    long maxHistoryBodyBytes, long documentCacheBytes, Duration bodyReadTimeout) {

  public static final long DEFAULT_MAX_HISTORY_BODY_BYTES = 64L * 1024 * 1024;
  public static final long DEFAULT_DOCUMENT_CACHE_BYTES = 128L * 1024 * 1024;
  public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final RestSettings DEFAULTS =
      new RestSettings(
          DEFAULT_MAX_HISTORY_BODY_BYTES, DEFAULT_DOCUMENT_CACHE_BYTES, DEFAULT_BODY_READ_TIMEOUT);

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
  }

  /** This body limit with the default document cache and body read timeout. */
  public RestSettings(long maxHistoryBodyBytes) {
    this(maxHistoryBodyBytes, DEFAULT_DOCUMENT_CACHE_BYTES, DEFAULT_BODY_READ_TIMEOUT);
  }
}
