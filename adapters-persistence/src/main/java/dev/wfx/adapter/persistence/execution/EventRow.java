package dev.wfx.adapter.persistence.execution;

import dev.wfx.domain.history.EventOriginal;
import java.util.Objects;

/**
 * One row of {@code history_events} without its execution id, as {@link HistoryEventCodec} maps it.
 *
 * @param timeSeconds the event time's seconds since the epoch
 * @param timeNanos the event time's nanosecond of the second
 * @param payload the payload's JSON text; null when the payload is absent or unreadable
 * @param payloadEncoding the unreadable payload's encoding, else null
 * @param payloadSize the unreadable payload's size in bytes, else null
 * @param attributes the kind's other fields as JSON, or an unread event's attributes as recorded
 * @param original the event's original, written with the row and never read back with it (reads
 *     keep off the originals); null when there is none
 */
record EventRow(
    long eventId,
    String kind,
    String eventType,
    long timeSeconds,
    int timeNanos,
    long taskId,
    String fingerprint,
    String payload,
    String payloadEncoding,
    Long payloadSize,
    String attributes,
    EventOriginal original) {

  EventRow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(attributes, "attributes");
    if ((payloadEncoding == null) != (payloadSize == null)) {
      throw new IllegalArgumentException("an unreadable payload has an encoding and a size");
    }
  }
}
