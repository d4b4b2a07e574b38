package dev.wfx.domain.testing;

import dev.wfx.domain.history.EventHeader;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventType;
import dev.wfx.domain.history.Failure;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.ActivityClosed;
import dev.wfx.domain.history.HistoryEvent.ActivityScheduled;
import dev.wfx.domain.history.HistoryEvent.ActivityStarted;
import dev.wfx.domain.history.HistoryEvent.Other;
import dev.wfx.domain.history.HistoryEvent.WorkflowClosed;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.Fingerprint;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
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
    return new WorkflowClosed(header(id, KnownEventType.WORKFLOW_EXECUTION_COMPLETED), result, null);
  }

  public static WorkflowClosed failed(long id, Failure failure) {
    return new WorkflowClosed(
        header(id, KnownEventType.WORKFLOW_EXECUTION_FAILED), Payload.ABSENT, failure);
  }

  /** A started event followed by hidden events up to {@code length}. */
  public static List<HistoryEvent> runningHistory(int length) {
    List<HistoryEvent> history = new ArrayList<>();
    history.add(started());
    LongStream.rangeClosed(2, length).forEach(id -> history.add(other(id)));
    return history;
  }

  /** Events {@code from}..{@code to} (inclusive) of a history of hidden events. */
  public static List<HistoryEvent> others(long from, long to) {
    return LongStream.rangeClosed(from, to).<HistoryEvent>mapToObj(Events::other).toList();
  }
}
