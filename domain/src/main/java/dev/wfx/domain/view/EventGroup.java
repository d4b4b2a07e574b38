package dev.wfx.domain.view;

import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.Payload;
import java.util.Objects;

/**
 * The action an event belongs to (spec §2.3); {@code action_result} is always null and so not held.
 *
 * @param actionId null unless a Tracecat child workflow
 * @param actionRef null when unknown
 * @param actionTitle null when unknown
 * @param actionDescription null when unknown
 * @param currentAttempt null until an attempt started, and always for child and update groups
 * @param relatedWorkflowId the child's workflow id for child workflows, else null
 */
public record EventGroup(
    EventId eventId,
    String udfNamespace,
    String udfName,
    String udfKey,
    String actionId,
    String actionRef,
    String actionTitle,
    String actionDescription,
    Payload actionInput,
    Long currentAttempt,
    RetryPolicy retryPolicy,
    double startDelay,
    JoinStrategy joinStrategy,
    String relatedWorkflowId) {

  public EventGroup {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(udfNamespace, "udfNamespace");
    Objects.requireNonNull(udfName, "udfName");
    Objects.requireNonNull(udfKey, "udfKey");
    Objects.requireNonNull(actionInput, "actionInput");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(joinStrategy, "joinStrategy");
  }

  /** The same group as seen by a later event of the action. */
  public EventGroup withCurrentAttempt(Long attempt) {
    return new EventGroup(
        eventId,
        udfNamespace,
        udfName,
        udfKey,
        actionId,
        actionRef,
        actionTitle,
        actionDescription,
        actionInput,
        attempt,
        retryPolicy,
        startDelay,
        joinStrategy,
        relatedWorkflowId);
  }
}
