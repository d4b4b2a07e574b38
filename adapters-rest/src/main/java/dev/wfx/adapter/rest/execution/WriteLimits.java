package dev.wfx.adapter.rest.execution;

/**
 * What one write, one key and all writers together may ask of the service, so that one tenant
 * cannot starve the others.
 *
 * @param maxBatchEvents the most events one batch may hold (Temporal's own limit per history is
 *     51,200); more is a 413
 * @param maxConcurrentWrites the most writes in flight at once, whoever sends them; keeping it under
 *     the pool size leaves connections for reads
 * @param maxConcurrentWritesPerKey the most writes in flight at once for one API key
 */
public record WriteLimits(int maxBatchEvents, int maxConcurrentWrites, int maxConcurrentWritesPerKey) {

  public static final int DEFAULT_MAX_BATCH_EVENTS = 51_200;
  public static final int DEFAULT_MAX_CONCURRENT_WRITES = 5;
  public static final int DEFAULT_MAX_CONCURRENT_WRITES_PER_KEY = 2;
  public static final WriteLimits DEFAULTS =
      new WriteLimits(
          DEFAULT_MAX_BATCH_EVENTS,
          DEFAULT_MAX_CONCURRENT_WRITES,
          DEFAULT_MAX_CONCURRENT_WRITES_PER_KEY);

  public WriteLimits {
    if (maxBatchEvents < 1) {
      throw new IllegalArgumentException("a batch must be allowed at least one event");
    }
    if (maxConcurrentWrites < 1 || maxConcurrentWritesPerKey < 1) {
      throw new IllegalArgumentException("at least one write at a time must be allowed");
    }
  }
}
