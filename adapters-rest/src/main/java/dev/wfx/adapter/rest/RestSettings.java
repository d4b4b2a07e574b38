package dev.wfx.adapter.rest;

/**
 * Settings of the HTTP API that bootstrap reads from configuration.
 *
 * @param maxHistoryBodyBytes the largest history body a POST may send (spec §8: 64 MiB by default)
 */
public record RestSettings(long maxHistoryBodyBytes) {

  public static final long DEFAULT_MAX_HISTORY_BODY_BYTES = 64L * 1024 * 1024;
  public static final RestSettings DEFAULTS = new RestSettings(DEFAULT_MAX_HISTORY_BODY_BYTES);

  public RestSettings {
    if (maxHistoryBodyBytes < 1) {
      throw new IllegalArgumentException("the history body limit must be positive");
    }
  }
}
