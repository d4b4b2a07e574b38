package dev.wfx.adapter.rest;

/**
 * Settings of the HTTP API that bootstrap reads from configuration.
 *
 * @param maxHistoryBodyBytes the largest history body a POST may send (spec §8: 64 MiB by default)
 * @param documentCacheBytes the most bytes of rendered documents kept for later readers (0: none)
 */
public record RestSettings(long maxHistoryBodyBytes, long documentCacheBytes) {

  public static final long DEFAULT_MAX_HISTORY_BODY_BYTES = 64L * 1024 * 1024;
  public static final long DEFAULT_DOCUMENT_CACHE_BYTES = 128L * 1024 * 1024;
  public static final RestSettings DEFAULTS =
      new RestSettings(DEFAULT_MAX_HISTORY_BODY_BYTES, DEFAULT_DOCUMENT_CACHE_BYTES);

  public RestSettings {
    if (maxHistoryBodyBytes < 1) {
      throw new IllegalArgumentException("the history body limit must be positive");
    }
    if (documentCacheBytes < 0) {
      throw new IllegalArgumentException("the document cache size must not be negative");
    }
  }

  /** These body limits with the default document cache. */
  public RestSettings(long maxHistoryBodyBytes) {
    this(maxHistoryBodyBytes, DEFAULT_DOCUMENT_CACHE_BYTES);
  }
}
