package dev.wfx.domain.view;

import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
import java.time.Instant;
import java.util.Objects;

/**
 * A visible event of the document (spec §2.2).
 *
 * @param group null when the event belongs to no action
 * @param failure null unless the event type carries one
 * @param result {@link Payload#ABSENT} when the event type has none
 * @param role null unless a started or child-initiated event carries a Tracecat role
 * @param parentWorkflowId only on WORKFLOW_EXECUTION_STARTED, else null
 * @param workflowTimeout seconds, only on WORKFLOW_EXECUTION_STARTED, else null
 */
public record DocumentEvent(
    EventId eventId,
    Instant eventTime,
    KnownEventType eventType,
    long taskId,
    EventGroup group,
    DocumentFailure failure,
    Payload result,
    JsonText role,
    String parentWorkflowId,
    Double workflowTimeout) {

  public DocumentEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(result, "result");
    if (!eventType.isVisible()) {
      throw new IllegalArgumentException(eventType + " is not a visible event type");
    }
  }
}
