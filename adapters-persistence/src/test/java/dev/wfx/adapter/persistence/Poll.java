package dev.wfx.adapter.persistence;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true. */
public final class Poll {

  public static final Duration LIMIT = Duration.ofSeconds(5);

  private Poll() {}

  /** Whether the condition held within {@link #LIMIT}, checked every millisecond. */
  public static boolean until(BooleanSupplier condition) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
