package dev.wfx.adapter.persistence;

/**
 * A snapshot of the connection pool, for metrics.
 *
 * @param active connections lent out
 * @param idle connections waiting in the pool
 * @param total connections open
 * @param waiting callers waiting for a connection
 * @param maximum the most connections the pool opens
 */
public record PoolUsage(int active, int idle, int total, int waiting, int maximum) {

  public PoolUsage {
    if (active < 0 || idle < 0 || total < 0 || waiting < 0 || maximum < 1) {
      throw new IllegalArgumentException("pool figures cannot be negative");
    }
  }
}
