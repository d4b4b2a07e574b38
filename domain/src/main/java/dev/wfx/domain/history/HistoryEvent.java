package dev.wfx.domain.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A typed Temporal history event: one kind for each event the document reads, and {@link Other}
 * for everything else, which is stored as recorded and stays hidden (spec §6.1).
 *
 * <p>Nullable components say so in their description; all others are required.
 */
public sealed interface HistoryEvent {

  EventHeader header();

  default EventId id() {
    return header().id();
  }

  default EventType type() {
    return header().type();
  }

  default Instant time() {
    return header().time();
  }

  default long taskId() {
    return header().taskId();
  }

  /**
   * WORKFLOW_EXECUTION_STARTED: opens the history.
   *
   * @param originalExecutionRunId null when absent
   * @param firstExecutionRunId null when absent
   * @param workflowExecutionTimeout null when unset
   * @param parentWorkflowId null when the run has no parent
   * @param runArgs null unless the input is a Tracecat DSLRunArgs
   */
  record WorkflowStarted(
      EventHeader header,
      String workflowType,
      String taskQueue,
      String originalExecutionRunId,
      String firstExecutionRunId,
      Duration firstWorkflowTaskBackoff,
      Duration workflowExecutionTimeout,
      String parentWorkflowId,
      Payload input,
      RunArgs runArgs)
      implements HistoryEvent {
    public WorkflowStarted {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(workflowType, "workflowType");
      Objects.requireNonNull(taskQueue, "taskQueue");
      Objects.requireNonNull(firstWorkflowTaskBackoff, "firstWorkflowTaskBackoff");
      Objects.requireNonNull(input, "input");
      if (isBlank(originalExecutionRunId) && isBlank(firstExecutionRunId)) {
        throw new IllegalArgumentException(
            "a started event needs originalExecutionRunId or firstExecutionRunId");
      }
    }

    /** The run id before any reset: the original run id, else the first run id (spec §2.1). */
    public String startRunId() {
      return isBlank(originalExecutionRunId) ? firstExecutionRunId : originalExecutionRunId;
    }
  }

  /**
   * One of the six events that close a workflow execution; {@link #type()} says which.
   *
   * @param result the result on WORKFLOW_EXECUTION_COMPLETED, else {@link Payload#ABSENT}
   * @param failure the failure on WORKFLOW_EXECUTION_FAILED, else null
   */
  record WorkflowClosed(EventHeader header, Payload result, Failure failure)
      implements HistoryEvent {
    public WorkflowClosed {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * WORKFLOW_TASK_FAILED. Hidden; a reset ({@code WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW}) gives
   * the execution a new run id.
   *
   * @param cause the failure cause as Temporal spells it; null when absent
   * @param newRunId null when absent
   */
  record WorkflowTaskFailed(EventHeader header, String cause, String newRunId)
      implements HistoryEvent {
    public static final String RESET_CAUSE = "WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW";

    public WorkflowTaskFailed {
      Objects.requireNonNull(header, "header");
    }

    public boolean isReset() {
      return RESET_CAUSE.equals(cause) && !isBlank(newRunId);
    }
  }

  /**
   * ACTIVITY_TASK_SCHEDULED: originates an activity group.
   *
   * @param task null unless the input is a Tracecat RunActionInput
   * @param interaction null unless the input carries an interaction context
   */
  record ActivityScheduled(
      EventHeader header,
      String activityId,
      String activityType,
      Payload input,
      TracecatTask task,
      InteractionRequest interaction)
      implements HistoryEvent {
    public ActivityScheduled {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(activityId, "activityId");
      Objects.requireNonNull(activityType, "activityType");
      Objects.requireNonNull(input, "input");
    }
  }

  /** ACTIVITY_TASK_STARTED: one attempt of a scheduled activity (a missing attempt is 0). */
  record ActivityStarted(EventHeader header, EventId scheduledEventId, long attempt)
      implements HistoryEvent {
    public ActivityStarted {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(scheduledEventId, "scheduledEventId");
    }
  }

  /**
   * ACTIVITY_TASK_COMPLETED, _FAILED, _TIMED_OUT or _CANCELED; {@link #type()} says which.
   *
   * @param result the result when completed, else {@link Payload#ABSENT}
   * @param failure the failure when failed, else null
   */
  record ActivityClosed(
      EventHeader header, EventId scheduledEventId, Payload result, Failure failure)
      implements HistoryEvent {
    public ActivityClosed {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(scheduledEventId, "scheduledEventId");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * START_CHILD_WORKFLOW_EXECUTION_INITIATED: originates a child-workflow group.
   *
   * @param runArgs null unless the input is a Tracecat DSLRunArgs
   * @param dslTitle the input's {@code dsl.title} when a string, else null
   * @param dslDescription the input's {@code dsl.description} when a string, else null
   */
  record ChildWorkflowInitiated(
      EventHeader header,
      String workflowId,
      String workflowType,
      Payload input,
      RunArgs runArgs,
      String dslTitle,
      String dslDescription)
      implements HistoryEvent {
    public ChildWorkflowInitiated {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(workflowId, "workflowId");
      Objects.requireNonNull(workflowType, "workflowType");
      Objects.requireNonNull(input, "input");
    }
  }

  /**
   * A CHILD_WORKFLOW_EXECUTION_* event; {@link #type()} says which.
   *
   * @param result the result when completed, else {@link Payload#ABSENT}
   * @param failure the failure when failed, else null
   */
  record ChildWorkflowEvent(
      EventHeader header, EventId initiatedEventId, Payload result, Failure failure)
      implements HistoryEvent {
    public ChildWorkflowEvent {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(initiatedEventId, "initiatedEventId");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * WORKFLOW_EXECUTION_SIGNALED.
   *
   * @param interaction null unless the input is an interaction input
   */
  record WorkflowSignaled(
      EventHeader header, String signalName, Payload input, InteractionResponse interaction)
      implements HistoryEvent {
    public WorkflowSignaled {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(signalName, "signalName");
      Objects.requireNonNull(input, "input");
    }
  }

  /**
   * WORKFLOW_EXECUTION_UPDATE_ACCEPTED: originates an update group.
   *
   * @param argument the first argument of the accepted request
   * @param interaction null unless that argument is an interaction input
   */
  record UpdateAccepted(
      EventHeader header,
      String updateId,
      String updateName,
      Payload argument,
      InteractionResponse interaction)
      implements HistoryEvent {
    public UpdateAccepted {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(updateId, "updateId");
      Objects.requireNonNull(updateName, "updateName");
      Objects.requireNonNull(argument, "argument");
    }
  }

  /** WORKFLOW_EXECUTION_UPDATE_REJECTED. */
  record UpdateRejected(EventHeader header, String updateId, Failure failure)
      implements HistoryEvent {
    public UpdateRejected {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(updateId, "updateId");
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * WORKFLOW_EXECUTION_UPDATE_COMPLETED: a success outcome or a failure.
   *
   * @param acceptedEventId null when absent
   * @param success the success outcome's first payload, else {@link Payload#ABSENT}
   * @param failure the failure outcome, else null
   */
  record UpdateCompleted(
      EventHeader header, EventId acceptedEventId, String updateId, Payload success, Failure failure)
      implements HistoryEvent {
    public UpdateCompleted {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(updateId, "updateId");
      Objects.requireNonNull(success, "success");
    }
  }

  /** Any other event, known to Temporal or not: stored with its attributes as recorded, hidden. */
  record Other(EventHeader header, JsonText attributes) implements HistoryEvent {
    public Other {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(attributes, "attributes");
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
