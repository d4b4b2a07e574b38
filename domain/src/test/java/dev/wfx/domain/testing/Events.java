package dev.wfx.domain.testing;

import dev.wfx.domain.history.EventHeader;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.EventType;
import dev.wfx.domain.history.Failure;
import dev.wfx.domain.history.Fingerprint;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.ActivityClosed;
import dev.wfx.domain.history.HistoryEvent.ActivityScheduled;
import dev.wfx.domain.history.HistoryEvent.ActivityStarted;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowEvent;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowInitiated;
import dev.wfx.domain.history.HistoryEvent.Other;
import dev.wfx.domain.history.HistoryEvent.UpdateAccepted;
import dev.wfx.domain.history.HistoryEvent.UpdateCompleted;
import dev.wfx.domain.history.HistoryEvent.UpdateRejected;
import dev.wfx.domain.history.HistoryEvent.WorkflowClosed;
import dev.wfx.domain.history.HistoryEvent.WorkflowSignaled;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.HistoryEvent.WorkflowTaskFailed;
import dev.wfx.domain.history.InteractionRequest;
import dev.wfx.domain.history.InteractionResponse;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.history.RunArgs;
import dev.wfx.domain.history.TracecatTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** Test fixture: small hand-built history events with sensible defaults. */
public final class Events {

  public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private Events() {}

  public static EventHeader header(long id, KnownEventType type) {
    return header(id, new EventType(type.name()), "fp-" + id);
  }

  public static EventHeader header(long id, EventType type, String fingerprint) {
    return new EventHeader(
        EventId.of(id), type, T0.plusSeconds(id), 1_000 + id, Fingerprint.of(fingerprint));
  }

  public static WorkflowStarted started() {
    return started("DSLWorkflow", Payload.ABSENT);
  }

  public static WorkflowStarted started(String workflowType, Payload input) {
    return new WorkflowStarted(
        header(1, KnownEventType.WORKFLOW_EXECUTION_STARTED),
        workflowType,
        "default-queue",
        "run-1",
        "run-1",
        Duration.ZERO,
        null,
        null,
        input,
        null);
  }

  /** A hidden bookkeeping event (a workflow task scheduled). */
  public static Other other(long id) {
    return new Other(
        header(id, new EventType("WORKFLOW_TASK_SCHEDULED"), "fp-" + id),
        JsonText.of("{\"attempt\":1}"));
  }

  public static ActivityScheduled scheduled(long id, String activityType, Payload input) {
    return new ActivityScheduled(
        header(id, KnownEventType.ACTIVITY_TASK_SCHEDULED),
        String.valueOf(id),
        activityType,
        input,
        null,
        null);
  }

  public static ActivityStarted activityStarted(long id, long scheduledId, long attempt) {
    return new ActivityStarted(
        header(id, KnownEventType.ACTIVITY_TASK_STARTED), EventId.of(scheduledId), attempt);
  }

  public static ActivityClosed activityCompleted(long id, long scheduledId, Payload result) {
    return new ActivityClosed(
        header(id, KnownEventType.ACTIVITY_TASK_COMPLETED), EventId.of(scheduledId), result, null);
  }

  public static ActivityClosed activityFailed(long id, long scheduledId, Failure failure) {
    return new ActivityClosed(
        header(id, KnownEventType.ACTIVITY_TASK_FAILED),
        EventId.of(scheduledId),
        Payload.ABSENT,
        failure);
  }

  public static WorkflowClosed completed(long id, Payload result) {
    return new WorkflowClosed(
        header(id, KnownEventType.WORKFLOW_EXECUTION_COMPLETED), result, null);
  }

  public static WorkflowClosed failed(long id, Failure failure) {
    return new WorkflowClosed(
        header(id, KnownEventType.WORKFLOW_EXECUTION_FAILED), Payload.ABSENT, failure);
  }

  /** A started event of a run with Tracecat run args, or without them when null. */
  public static WorkflowStarted started(String workflowType, RunArgs runArgs) {
    return started(workflowType, runArgs, null, null);
  }

  /**
   * A started event with the parts the document reads from it.
   *
   * @param runArgs null for a run without Tracecat run args
   * @param workflowExecutionTimeout null when unset
   * @param parentWorkflowId null for a run without parent
   */
  public static WorkflowStarted started(
      String workflowType,
      RunArgs runArgs,
      Duration workflowExecutionTimeout,
      String parentWorkflowId) {
    return new WorkflowStarted(
        header(1, KnownEventType.WORKFLOW_EXECUTION_STARTED),
        workflowType,
        "default-queue",
        "run-1",
        "run-1",
        Duration.ZERO,
        workflowExecutionTimeout,
        parentWorkflowId,
        runArgs == null ? Payload.ABSENT : Payload.json("{\"role\":" + runArgs.role() + "}"),
        runArgs);
  }

  /** A hidden event with a chosen fingerprint, to tell a re-sent event from a different one. */
  public static Other other(long id, String fingerprint) {
    return new Other(
        header(id, new EventType("WORKFLOW_TASK_SCHEDULED"), fingerprint),
        JsonText.of("{\"attempt\":1}"));
  }

  /** A Tracecat action: an activity whose input is a RunActionInput with this task. */
  public static ActivityScheduled action(long id, TracecatTask task, Payload input) {
    return scheduled(id, "run_action_activity", input, task, null);
  }

  public static ActivityScheduled scheduled(
      long id,
      String activityType,
      Payload input,
      TracecatTask task,
      InteractionRequest interaction) {
    return new ActivityScheduled(
        header(id, KnownEventType.ACTIVITY_TASK_SCHEDULED),
        "activity-" + id,
        activityType,
        input,
        task,
        interaction);
  }

  /** ACTIVITY_TASK_TIMED_OUT or _CANCELED: closes the activity without result or failure. */
  public static ActivityClosed activityClosed(long id, KnownEventType type, long scheduledId) {
    return new ActivityClosed(header(id, type), EventId.of(scheduledId), Payload.ABSENT, null);
  }

  public static ChildWorkflowInitiated childInitiated(
      long id, String workflowId, String workflowType, Payload input) {
    return childInitiated(id, workflowId, workflowType, input, null, null, null);
  }

  public static ChildWorkflowInitiated childInitiated(
      long id,
      String workflowId,
      String workflowType,
      Payload input,
      RunArgs runArgs,
      String dslTitle,
      String dslDescription) {
    return new ChildWorkflowInitiated(
        header(id, KnownEventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED),
        workflowId,
        workflowType,
        input,
        runArgs,
        dslTitle,
        dslDescription);
  }

  /** A CHILD_WORKFLOW_EXECUTION_* event of the given type. */
  public static ChildWorkflowEvent childEvent(
      long id, KnownEventType type, long initiatedId, Payload result, Failure failure) {
    return new ChildWorkflowEvent(header(id, type), EventId.of(initiatedId), result, failure);
  }

  public static WorkflowSignaled signaled(
      long id, String signalName, Payload input, InteractionResponse interaction) {
    return new WorkflowSignaled(
        header(id, KnownEventType.WORKFLOW_EXECUTION_SIGNALED), signalName, input, interaction);
  }

  public static UpdateAccepted updateAccepted(
      long id,
      String updateId,
      String updateName,
      Payload argument,
      InteractionResponse interaction) {
    return new UpdateAccepted(
        header(id, KnownEventType.WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
        updateId,
        updateName,
        argument,
        interaction);
  }

  public static UpdateRejected updateRejected(long id, String updateId, Failure failure) {
    return new UpdateRejected(
        header(id, KnownEventType.WORKFLOW_EXECUTION_UPDATE_REJECTED), updateId, failure);
  }

  /**
   * @param acceptedId null when the event does not name its accepted event
   * @param failure null for a success outcome
   */
  public static UpdateCompleted updateCompleted(
      long id, Long acceptedId, String updateId, Payload success, Failure failure) {
    return new UpdateCompleted(
        header(id, KnownEventType.WORKFLOW_EXECUTION_UPDATE_COMPLETED),
        acceptedId == null ? null : EventId.of(acceptedId),
        updateId,
        success,
        failure);
  }

  /** WORKFLOW_TASK_FAILED; with {@link WorkflowTaskFailed#RESET_CAUSE} it is a reset. */
  public static WorkflowTaskFailed workflowTaskFailed(long id, String cause, String newRunId) {
    return new WorkflowTaskFailed(header(id, KnownEventType.WORKFLOW_TASK_FAILED), cause, newRunId);
  }

  /** One of the six closing events, without result or failure. */
  public static WorkflowClosed closed(long id, KnownEventType type) {
    return new WorkflowClosed(header(id, type), Payload.ABSENT, null);
  }

  /** A started event followed by hidden events up to {@code length}. */
  public static List<HistoryEvent> runningHistory(int length) {
    List<HistoryEvent> history = new ArrayList<>();
    history.add(started());
    LongStream.rangeClosed(2, length).forEach(id -> history.add(other(id)));
    return history;
  }

  /**
   * Like {@link #runningHistory}, but of run {@code runId}, started at {@code startTime}: one of
   * several runs of an execution.
   */
  public static List<HistoryEvent> runHistory(String runId, Instant startTime, int length) {
    List<HistoryEvent> history = new ArrayList<>();
    history.add(
        new WorkflowStarted(
            new EventHeader(
                EventId.FIRST,
                new EventType(KnownEventType.WORKFLOW_EXECUTION_STARTED.name()),
                startTime,
                1_001,
                Fingerprint.of("fp-1-" + runId)),
            "DSLWorkflow",
            "default-queue",
            runId,
            runId,
            Duration.ZERO,
            null,
            null,
            Payload.ABSENT,
            null));
    LongStream.rangeClosed(2, length).forEach(id -> history.add(other(id)));
    return history;
  }

  /**
   * The event with an original of its own (bytes that name its id), as the anti-corruption layer
   * gives every event it translates.
   */
  public static HistoryEvent withOriginal(HistoryEvent event) {
    EventHeader h = event.header();
    EventHeader header =
        new EventHeader(
            h.id(),
            h.type(),
            h.time(),
            h.taskId(),
            h.fingerprint(),
            new EventOriginal(
                EventOriginal.Format.TEMPORAL_PROTO,
                ("original of event " + h.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return switch (event) {
      case WorkflowStarted e ->
          new WorkflowStarted(
              header,
              e.workflowType(),
              e.taskQueue(),
              e.originalExecutionRunId(),
              e.firstExecutionRunId(),
              e.firstWorkflowTaskBackoff(),
              e.workflowExecutionTimeout(),
              e.parentWorkflowId(),
              e.input(),
              e.runArgs());
      case Other e -> new Other(header, e.attributes());
      default -> throw new IllegalArgumentException("only started and hidden events here: " + event);
    };
  }

  /** Events {@code from}..{@code to} (inclusive) of a history of hidden events. */
  public static List<HistoryEvent> others(long from, long to) {
    return LongStream.rangeClosed(from, to).<HistoryEvent>mapToObj(Events::other).toList();
  }
}
