package dev.wfx.domain.view;

import dev.wfx.domain.history.Failure;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.ActivityClosed;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowEvent;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowInitiated;
import dev.wfx.domain.history.HistoryEvent.UpdateCompleted;
import dev.wfx.domain.history.HistoryEvent.UpdateRejected;
import dev.wfx.domain.history.HistoryEvent.WorkflowClosed;
import dev.wfx.domain.history.HistoryEvent.WorkflowSignaled;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.history.RunArgs;
import dev.wfx.domain.redaction.CredentialRedactor;

/** What a visible event shows besides its group: failure, result and role (spec §2.2, §6.4). */
final class EventFacts {

  private EventFacts() {}

  /**
   * The failure of the event types that carry one, redacted; a failed event recorded without a
   * failure still shows {@code {message: "", cause: {}}}, as the contract promises an object there.
   */
  static DocumentFailure failure(HistoryEvent event, KnownEventType type) {
    Failure failure =
        switch (type) {
          case WORKFLOW_EXECUTION_FAILED,
              ACTIVITY_TASK_FAILED,
              CHILD_WORKFLOW_EXECUTION_FAILED,
              WORKFLOW_EXECUTION_UPDATE_REJECTED -> {
            Failure recorded = recordedFailure(event);
            yield recorded != null ? recorded : Failure.of("");
          }
          case WORKFLOW_EXECUTION_UPDATE_COMPLETED -> recordedFailure(event);
          default -> null;
        };
    return failure == null
        ? null
        : new DocumentFailure(CredentialRedactor.redact(failure.message()), failure.cause());
  }

  /** The payload the event type shows as its result; {@link Payload#ABSENT} for the others. */
  static Payload result(HistoryEvent event) {
    return switch (event) {
      case WorkflowClosed closed
          when closed.type().is(KnownEventType.WORKFLOW_EXECUTION_COMPLETED) ->
          closed.result();
      case ActivityClosed closed when closed.type().is(KnownEventType.ACTIVITY_TASK_COMPLETED) ->
          closed.result();
      case ChildWorkflowEvent child
          when child.type().is(KnownEventType.CHILD_WORKFLOW_EXECUTION_COMPLETED) ->
          child.result();
      case WorkflowSignaled signaled -> signaled.input();
      case UpdateCompleted completed when completed.failure() == null -> completed.success();
      default -> Payload.ABSENT;
    };
  }

  /** The Tracecat role of the run a started or child-initiated event starts, else null. */
  static JsonText role(HistoryEvent event) {
    RunArgs runArgs =
        switch (event) {
          case WorkflowStarted started -> started.runArgs();
          case ChildWorkflowInitiated initiated -> initiated.runArgs();
          default -> null;
        };
    return runArgs == null ? null : runArgs.role();
  }

  private static Failure recordedFailure(HistoryEvent event) {
    return switch (event) {
      case WorkflowClosed closed -> closed.failure();
      case ActivityClosed closed -> closed.failure();
      case ChildWorkflowEvent child -> child.failure();
      case UpdateRejected rejected -> rejected.failure();
      case UpdateCompleted completed -> completed.failure();
      default -> null;
    };
  }
}
