package dev.wfx.adapter.rest.error;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Objects;

/**
 * Wire record: an RFC 9457 problem document; the extension members name the events of a refused
 * history batch and are left out when null.
 *
 * @param eventId the event the batch was refused at, else null
 * @param expectedEventId the next event id the execution expects, else null
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "eventId", "expectedEventId"})
public record ProblemDocument(
    String type,
    String title,
    int status,
    String detail,
    @JsonbProperty("event_id") Long eventId,
    @JsonbProperty("expected_event_id") Long expectedEventId) {

  public ProblemDocument {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem has an error status, was " + status);
    }
  }
}
