package dev.wfx.domain.testing;

import dev.wfx.domain.history.EventHeader;
import dev.wfx.domain.history.EventId;
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
import dev.wfx.domain.history.TimeoutSetting;
import dev.wfx.domain.history.TracecatTask;
import java.time.Duration;
import java.util.List;

/**
 * Test fixture: histories that hold every kind of history event and every variant of what they
 * carry (each payload outcome, null components, each timeout setting), with the texts a store
 * finds hardest to keep exact, for round-trip tests of the stores.
 */
public final class EventVariants {

  /** JSON whose key order, number spellings, escapes and raw whitespace must all survive. */
  public static final String AWKWARD_JSON =
      "{ \"zeta\" : 1.50 ,\n\t\"alpha\":[1e3, -0, 2.0E-7],\r\n"
          + " \"text\": \"tab\\tquote\\\" backslash\\\\ nul\\u0000 \u00e9\u4e2d\ud83d\ude00\" }";

  /** A string with the characters that delimit fields, rows and escapes in SQL and JSON. */
  public static final String AWKWARD_TEXT =
      "line one\nline two\ttabbed \"quoted\" back\\slash \\N \u00e9 \ud83d\ude00";

  private EventVariants() {}

  /**
   * A history opened by a started event with every component set, followed by every other kind
   * with its components both set and null, closing with a failure.
   */
  public static List<HistoryEvent> everyKindFullyPopulated() {
    return List.of(
        new WorkflowStarted(
            header(1, KnownEventType.WORKFLOW_EXECUTION_STARTED),
            "DSLWorkflow",
            "tracecat-task-queue",
            "original-run",
            "first-run",
            Duration.ofSeconds(90, 5),
            Duration.ofHours(2),
            "wf-parent:exec-1",
            Payload.json(AWKWARD_JSON),
            new RunArgs(
                JsonText.of("{\"type\":\"service\", \"access_level\": 0}"),
                new TimeoutSetting.Seconds(1.5),
                new TimeoutSetting.Text("PT5M"))),
        new ActivityScheduled(
            header(2, KnownEventType.ACTIVITY_TASK_SCHEDULED),
            "2",
            "run_action_activity",
            Payload.json("{\"task\":{\"action\":\"core.http_request\"}}"),
            new TracecatTask(
                "core.http_request",
                "call_api",
                AWKWARD_TEXT,
                5L,
                300L,
                "${{ FN.is_null(ACTIONS.x) }}",
                0.25,
                "all"),
            new InteractionRequest("int-1", "approve", "call_api", "approval")),
        new ActivityStarted(header(3, KnownEventType.ACTIVITY_TASK_STARTED), EventId.of(2), 3),
        new ActivityClosed(
            header(4, KnownEventType.ACTIVITY_TASK_COMPLETED),
            EventId.of(2),
            Payload.json("[1, 2.50, \"x\"]"),
            null),
        new ActivityScheduled(
            header(5, KnownEventType.ACTIVITY_TASK_SCHEDULED),
            "5",
            "other_activity",
            new Payload.Unreadable("binary/protobuf", 1234),
            TracecatTask.of("core.transform", null),
            new InteractionRequest("int-2", null, null, null)),
        new ActivityClosed(
            header(6, KnownEventType.ACTIVITY_TASK_FAILED),
            EventId.of(5),
            Payload.ABSENT,
            new Failure(AWKWARD_TEXT, JsonText.of("{ \"message\" : \"inner\", \"cause\": {} }"))),
        new ChildWorkflowInitiated(
            header(7, KnownEventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED),
            "wf-child:exec-2",
            "DSLWorkflow",
            Payload.json("{\"dsl\":{\"title\":\"Child\"}}"),
            new RunArgs(JsonText.of("{}"), new TimeoutSetting.Unreadable(), null),
            "Child",
            AWKWARD_TEXT),
        new ChildWorkflowEvent(
            header(8, KnownEventType.CHILD_WORKFLOW_EXECUTION_STARTED),
            EventId.of(7),
            Payload.ABSENT,
            null),
        new ChildWorkflowEvent(
            header(9, KnownEventType.CHILD_WORKFLOW_EXECUTION_COMPLETED),
            EventId.of(7),
            Payload.json("null"),
            null),
        new ChildWorkflowEvent(
            header(10, KnownEventType.CHILD_WORKFLOW_EXECUTION_FAILED),
            EventId.of(7),
            Payload.ABSENT,
            Failure.of("")),
        new WorkflowSignaled(
            header(11, KnownEventType.WORKFLOW_EXECUTION_SIGNALED),
            "interaction",
            Payload.json("{\"interaction_id\":\"int-1\",\"data\":{\"approved\": true}}"),
            new InteractionResponse("int-1", JsonText.of("{\"approved\": true}"))),
        new WorkflowSignaled(
            header(12, KnownEventType.WORKFLOW_EXECUTION_SIGNALED),
            "cancel",
            new Payload.Unreadable("", 0),
            null),
        new UpdateAccepted(
            header(13, KnownEventType.WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
            "update-1",
            "interaction",
            Payload.json("\"just a string\""),
            new InteractionResponse("int-2", JsonText.of("{ }"))),
        new UpdateAccepted(
            header(14, KnownEventType.WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
            "update-2",
            "other",
            Payload.ABSENT,
            null),
        new UpdateRejected(
            header(15, KnownEventType.WORKFLOW_EXECUTION_UPDATE_REJECTED),
            "update-3",
            Failure.of("rejected")),
        new UpdateCompleted(
            header(16, KnownEventType.WORKFLOW_EXECUTION_UPDATE_COMPLETED),
            EventId.of(13),
            "update-1",
            Payload.json("42"),
            null),
        new UpdateCompleted(
            header(17, KnownEventType.WORKFLOW_EXECUTION_UPDATE_COMPLETED),
            null,
            "update-2",
            Payload.ABSENT,
            new Failure("failed", JsonText.of("{\"cause\":{\"message\":\"deeper\"}}"))),
        new WorkflowTaskFailed(
            header(18, KnownEventType.WORKFLOW_TASK_FAILED),
            WorkflowTaskFailed.RESET_CAUSE,
            "reset-run"),
        new WorkflowTaskFailed(header(19, KnownEventType.WORKFLOW_TASK_FAILED), null, null),
        new Other(
            new EventHeader(
                EventId.of(20),
                new EventType("SOME_FUTURE_EVENT_TYPE"),
                Events.T0.plusSeconds(20),
                Long.MAX_VALUE,
                Fingerprint.of("fp\twith\\odd\ncharacters")),
            JsonText.of(AWKWARD_JSON + "\n")),
        new ChildWorkflowInitiated(
            header(21, KnownEventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED),
            "wf-child:exec-3",
            "OtherWorkflow",
            Payload.ABSENT,
            null,
            null,
            null),
        new WorkflowClosed(
            header(22, KnownEventType.WORKFLOW_EXECUTION_FAILED),
            Payload.ABSENT,
            new Failure("workflow failed", JsonText.of("{}"))));
  }

  /** A history whose started event leaves every optional component null, completed with JSON. */
  public static List<HistoryEvent> startedWithNullComponents() {
    return List.of(
        new WorkflowStarted(
            header(1, KnownEventType.WORKFLOW_EXECUTION_STARTED),
            "PlainWorkflow",
            "q",
            null,
            "first-run-only",
            Duration.ZERO,
            null,
            null,
            new Payload.Unreadable("json/protobuf", 99),
            null),
        new WorkflowClosed(
            header(2, KnownEventType.WORKFLOW_EXECUTION_COMPLETED), Payload.json("{}"), null));
  }

  /** A history whose run arguments carry the remaining timeout variants, ending still running. */
  public static List<HistoryEvent> startedWithOtherTimeouts() {
    return List.of(
        new WorkflowStarted(
            header(1, KnownEventType.WORKFLOW_EXECUTION_STARTED),
            "DSLWorkflow",
            "q",
            "run-a",
            null,
            Duration.ofMillis(1),
            Duration.ofNanos(1),
            "",
            Payload.ABSENT,
            new RunArgs(JsonText.of("{\"role\":1}"), null, new TimeoutSetting.Seconds(-0.0))),
        new WorkflowClosed(
            header(2, KnownEventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW), Payload.ABSENT, null));
  }

  /**
   * A header whose time has nanoseconds (the last event of a second among them) and whose task id
   * may be negative, as a store must keep them.
   */
  private static EventHeader header(long id, KnownEventType type) {
    long nanos = id % 3 == 0 ? 999_999_999 : id * 123_456_789 % 1_000_000_000;
    return new EventHeader(
        EventId.of(id),
        EventType.of(type),
        Events.T0.plusSeconds(id).plusNanos(nanos),
        id % 2 == 0 ? -id : 1_000_000_000_000L + id,
        Fingerprint.of("sha256:" + id));
  }
}
