package dev.wfx.domain.history;

import java.time.Instant;
import java.util.Objects;

/** Value object: what every history event has, whatever its kind. */
public record EventHeader(
    EventId id, EventType type, Instant time, long taskId, Fingerprint fingerprint) {

  public EventHeader {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}
