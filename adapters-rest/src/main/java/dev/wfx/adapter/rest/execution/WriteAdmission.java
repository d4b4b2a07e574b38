package dev.wfx.adapter.rest.execution;

import dev.wfx.domain.access.ApiKeyId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Admits a write only while fewer than the limits are in flight, overall and for its key; a write
 * past them is refused at once (429) rather than queued, so that waiting writers hold no thread,
 * no body and no connection.
 */
final class WriteAdmission {

  private final WriteLimits limits;
  private final Semaphore overall;
  private final Map<ApiKeyId, Integer> perKey = new ConcurrentHashMap<>();

  WriteAdmission(WriteLimits limits) {
    this.limits = limits;
    this.overall = new Semaphore(limits.maxConcurrentWrites());
  }

  /** Whether a write may go on. */
  sealed interface Admission {

    /** It may; closing the admission gives its place back. */
    record Admitted(Runnable release) implements Admission, AutoCloseable {
      @Override
      public void close() {
        release.run();
      }
    }

    /** It may not, for {@code reason}: as many writes are in flight as allowed. */
    record Refused(String reason) implements Admission {}
  }

  /** A place for a write of {@code key}, unless it or the service has the most writes in flight. */
  Admission admit(ApiKeyId key) {
    boolean[] admitted = {false};
    perKey.compute(
        key,
        (k, inFlight) -> {
          int current = inFlight == null ? 0 : inFlight;
          if (current >= limits.maxConcurrentWritesPerKey()) {
            return inFlight;
          }
          admitted[0] = true;
          return current + 1;
        });
    if (!admitted[0]) {
      return new Admission.Refused(
          "this key has "
              + limits.maxConcurrentWritesPerKey()
              + " writes in flight, the most one key may have");
    }
    if (!overall.tryAcquire()) {
      release(key);
      return new Admission.Refused(
          "the service has " + limits.maxConcurrentWrites() + " writes in flight, the most it takes");
    }
    return new Admission.Admitted(
        () -> {
          overall.release();
          release(key);
        });
  }

  private void release(ApiKeyId key) {
    perKey.computeIfPresent(key, (k, inFlight) -> inFlight == 1 ? null : inFlight - 1);
  }
}
