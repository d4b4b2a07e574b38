package dev.wfx.domain.history;

import java.time.Instant;
import java.util.Objects;

/**
 * Value object: what every history event has, whatever its kind.
 *
 * @param original the event as Temporal recorded it, which the rest is derived from; null when not
 *     held (events loaded to be read, or stored before wfx kept originals)
 */
public record EventHeader(
    EventId id,
    EventType type,
    Instant time,
    long taskId,
    Fingerprint fingerprint,
    EventOriginal original) {

  public EventHeader {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /** A header without its original. */
  public EventHeader(EventId id, EventType type, Instant time, long taskId, Fingerprint fingerprint) {
    this(id, type, time, taskId, fingerprint, null);
  }
}
