package dev.wfx.adapter.rest.testing;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.view.DocumentEvent;
import dev.wfx.domain.view.DocumentFailure;
import dev.wfx.domain.view.EventGroup;
import dev.wfx.domain.view.ExecutionDocument;
import dev.wfx.domain.view.InteractionState;
import dev.wfx.domain.view.JoinStrategy;
import dev.wfx.domain.view.RetryPolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixture: execution documents built by hand, as the domain's renderer would produce them. */
public final class Documents {

  public static final Instant START = Instant.parse("2023-11-07T05:31:56Z");
  public static final String ROLE =
      "{\"type\":\"service\",\"workspace_id\":\"ws-a\",\"user_id\":null,\"access_level\":0,\"service_id\":\"tracecat-runner\"}";
  public static final String ACTION_INPUT = "{\"b\":1,\"a\":1.50,\"c\":1e3}";
  public static final String CAUSE =
      "{\"message\":\"Authorization: Bearer abc\",\"source\":\"\",\"n\":1.50,\"cause\":{\"message\":\"token=xyz\",\"big\":1e3}}";

  private Documents() {}

  public static EventGroup group(long originating, Long attempt) {
    return new EventGroup(
        EventId.of(originating),
        "core",
        "http_request",
        "core.http_request",
        null,
        "call_api",
        "Call api",
        null,
        Payload.json(ACTION_INPUT),
        attempt,
        RetryPolicy.DEFAULT,
        0.0,
        JoinStrategy.ALL,
        null);
  }

  /** A failed run with one Tracecat action, an unreadable result and an interaction. */
  public static ExecutionDocument failedRun(ExecutionId id) {
    List<DocumentEvent> events =
        List.of(
            new DocumentEvent(
                EventId.of(1),
                START,
                KnownEventType.WORKFLOW_EXECUTION_STARTED,
                1_048_642,
                null,
                null,
                Payload.ABSENT,
                JsonText.of(ROLE),
                null,
                300.0),
            new DocumentEvent(
                EventId.of(5),
                START.plusMillis(100),
                KnownEventType.ACTIVITY_TASK_SCHEDULED,
                1_048_650,
                group(5, null),
                null,
                Payload.ABSENT,
                null,
                null,
                null),
            new DocumentEvent(
                EventId.of(6),
                START.plusNanos(123_456_789),
                KnownEventType.ACTIVITY_TASK_STARTED,
                1_048_651,
                group(5, 1L),
                null,
                Payload.ABSENT,
                null,
                null,
                null),
            new DocumentEvent(
                EventId.of(7),
                START.plusSeconds(1),
                KnownEventType.ACTIVITY_TASK_COMPLETED,
                1_048_652,
                group(5, 1L),
                null,
                new Payload.Unreadable("binary/encrypted", 42),
                null,
                null,
                null),
            new DocumentEvent(
                EventId.of(11),
                START.plusSeconds(2),
                KnownEventType.WORKFLOW_EXECUTION_FAILED,
                1_048_660,
                null,
                new DocumentFailure("Activity task failed", JsonText.of(CAUSE)),
                Payload.ABSENT,
                null,
                null,
                null));
    Map<String, InteractionState> states = new LinkedHashMap<>();
    states.put(
        "int-1",
        new InteractionState(
            "response", "ask_human", InteractionState.Status.COMPLETED, JsonText.of("{\"ok\":true}")));
    return new ExecutionDocument(
        id,
        "b9d2c3ad-e03e-49e4-857e-1939d9d32f5e",
        START,
        START,
        START.plusSeconds(2),
        ExecutionStatus.FAILED,
        "DSLWorkflow",
        "tracecat-task-queue",
        11,
        null,
        events,
        states);
  }
}
