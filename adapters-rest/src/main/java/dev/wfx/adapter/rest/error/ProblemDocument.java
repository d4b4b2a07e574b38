package dev.wfx.adapter.rest.error;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Objects;

/**
 * Wire record: an RFC 9457 problem document; the extension members name the events of a refused
 * history batch and are left out when null, and name the request so that a client's report can be
 * found in the server's logs.
 *
 * @param eventId the event the batch was refused at, else null
 * @param expectedEventId the next event id the execution expects, else null
 * @param requestId the request's id, also in the {@code X-Request-Id} response header
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "eventId", "expectedEventId", "requestId"})
public record ProblemDocument(
    String type,
    String title,
    int status,
    String detail,
    @JsonbProperty("event_id") Long eventId,
    @JsonbProperty("expected_event_id") Long expectedEventId,
    @JsonbProperty("request_id") String requestId) {

  public ProblemDocument {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem has an error status, was " + status);
    }
  }
}
