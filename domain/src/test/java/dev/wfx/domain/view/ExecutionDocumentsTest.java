package dev.wfx.domain.view;

import static dev.wfx.domain.history.KnownEventType.ACTIVITY_TASK_CANCELED;
import static dev.wfx.domain.history.KnownEventType.ACTIVITY_TASK_TIMED_OUT;
import static dev.wfx.domain.history.KnownEventType.CHILD_WORKFLOW_EXECUTION_COMPLETED;
import static dev.wfx.domain.history.KnownEventType.CHILD_WORKFLOW_EXECUTION_FAILED;
import static dev.wfx.domain.history.KnownEventType.CHILD_WORKFLOW_EXECUTION_STARTED;
import static dev.wfx.domain.history.KnownEventType.CHILD_WORKFLOW_EXECUTION_TIMED_OUT;
import static dev.wfx.domain.history.KnownEventType.WORKFLOW_EXECUTION_TERMINATED;
import static dev.wfx.domain.testing.Events.action;
import static dev.wfx.domain.testing.Events.activityClosed;
import static dev.wfx.domain.testing.Events.activityCompleted;
import static dev.wfx.domain.testing.Events.activityFailed;
import static dev.wfx.domain.testing.Events.activityStarted;
import static dev.wfx.domain.testing.Events.childEvent;
import static dev.wfx.domain.testing.Events.childInitiated;
import static dev.wfx.domain.testing.Events.closed;
import static dev.wfx.domain.testing.Events.completed;
import static dev.wfx.domain.testing.Events.failed;
import static dev.wfx.domain.testing.Events.other;
import static dev.wfx.domain.testing.Events.scheduled;
import static dev.wfx.domain.testing.Events.signaled;
import static dev.wfx.domain.testing.Events.started;
import static dev.wfx.domain.testing.Events.updateAccepted;
import static dev.wfx.domain.testing.Events.updateCompleted;
import static dev.wfx.domain.testing.Events.updateRejected;
import static dev.wfx.domain.testing.Events.workflowTaskFailed;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.Failure;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.InteractionRequest;
import dev.wfx.domain.history.InteractionResponse;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.history.RunArgs;
import dev.wfx.domain.history.TimeoutSetting;
import dev.wfx.domain.history.TracecatTask;
import dev.wfx.domain.testing.Events;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExecutionDocumentsTest {

  private static final ExecutionId ID =
      ExecutionId.of("wf_0123456789abcdefghijkl/exec_ABCDEFGHIJKLMNOPQRSTUV");
  private static final WorkspaceId WORKSPACE = WorkspaceId.of("ws-1");
  private static final String DSL = "DSLWorkflow";
  private static final JsonText ROLE =
      JsonText.of("{\"type\":\"service\",\"workspace_id\":\"ws-1\",\"service_id\":\"runner\"}");
  private static final Payload ACTION_INPUT =
      Payload.json(
          "{\"task\":{\"ref\":\"call_api\",\"action\":\"core.http_request\"},\"exec_context\":{}}");
  private static final TracecatTask CALL_API =
      new TracecatTask(
          "core.http_request",
          "call_api",
          "Calls the API",
          3L,
          60L,
          "2024-06-01T00:00:00Z",
          2.5,
          "any");

  private static ExecutionDocument render(HistoryEvent... history) {
    return ExecutionDocuments.render(WorkflowExecution.restore(ID, WORKSPACE, List.of(history)));
  }

  private static DocumentEvent event(ExecutionDocument document, long id) {
    return document.events().stream()
        .filter(event -> event.eventId().value() == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("event " + id + " is not shown"));
  }

  private static EventGroup group(ExecutionDocument document, long id) {
    return event(document, id).group();
  }

  private static List<Long> shownIds(ExecutionDocument document) {
    return document.events().stream().map(event -> event.eventId().value()).toList();
  }

  private static EventGroup genericGroup(
      long originId, String name, String ref, Payload input, String related) {
    return new EventGroup(
        EventId.of(originId),
        "temporal",
        name,
        name,
        null,
        ref,
        null,
        null,
        input,
        null,
        RetryPolicy.DEFAULT,
        0.0,
        JoinStrategy.ALL,
        related);
  }

  // --- the top level -------------------------------------------------------------------------

  @Test
  void givenAClosedExecution_whenRendered_thenTheTopLevelComesFromTheAggregate() {
    var history =
        List.<HistoryEvent>of(
            started(DSL, null, null, "wf_parent"), other(2), completed(3, Payload.json("42")));
    WorkflowExecution execution = WorkflowExecution.restore(ID, WORKSPACE, history);

    ExecutionDocument document = ExecutionDocuments.render(execution);

    assertAll(
        () -> assertEquals(ID, document.id()),
        () -> assertEquals("run-1", document.runId()),
        () -> assertEquals(Events.T0.plusSeconds(1), document.startTime()),
        () -> assertEquals(Events.T0.plusSeconds(1), document.executionTime()),
        () -> assertEquals(Events.T0.plusSeconds(3), document.closeTime()),
        () -> assertEquals(ExecutionStatus.COMPLETED, document.status()),
        () -> assertEquals(DSL, document.workflowType()),
        () -> assertEquals("default-queue", document.taskQueue()),
        () -> assertEquals(3, document.historyLength()),
        () -> assertEquals("wf_parent", document.parentWorkflowId()),
        () -> assertEquals(List.of(1L, 3L), shownIds(document)),
        () -> assertEquals(Payload.json("42"), event(document, 3).result()),
        () -> assertEquals(java.util.Map.of(), document.interactionStates()));
  }

  @Test
  void givenARunningExecution_whenRendered_thenCloseTimeIsNullAndStatusRunning() {
    ExecutionDocument document = render(started(), other(2));

    assertNull(document.closeTime());
    assertEquals(ExecutionStatus.RUNNING, document.status());
    assertNull(document.parentWorkflowId());
  }

  @Test
  void givenHiddenEvents_whenRendered_thenTheyAreCountedButNotShown() {
    ExecutionDocument document =
        render(
            started(),
            other(2),
            workflowTaskFailed(3, "WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND", null),
            scheduled(4, "get_workflow_definition_activity", Payload.json("{}"), null, null),
            other(5));

    assertEquals(5, document.historyLength());
    assertEquals(List.of(1L), shownIds(document));
  }

  @Test
  void givenEveryEvent_whenRendered_thenEventFieldsComeFromTheHistoryEvent() {
    ExecutionDocument document = render(started(), other(2));

    DocumentEvent first = event(document, 1);
    assertAll(
        () -> assertEquals(KnownEventType.WORKFLOW_EXECUTION_STARTED, first.eventType()),
        () -> assertEquals(Events.T0.plusSeconds(1), first.eventTime()),
        () -> assertEquals(1_001, first.taskId()),
        () -> assertNull(first.group()),
        () -> assertNull(first.failure()),
        () -> assertEquals(Payload.ABSENT, first.result()));
  }

  // --- Tracecat actions ----------------------------------------------------------------------

  @Test
  void givenATracecatActionWithRetries_whenRendered_thenEachEventCarriesItsOwnAttempt() {
    Payload result = Payload.json("{\"status\":200}");
    ExecutionDocument document =
        render(
            started(),
            action(2, CALL_API, ACTION_INPUT),
            activityStarted(3, 2, 1),
            activityStarted(4, 2, 2),
            activityFailed(5, 2, Failure.of("HTTP 500 with token=abc123")),
            activityCompleted(6, 2, result));

    EventGroup scheduledGroup = group(document, 2);
    assertAll(
        () ->
            assertEquals(
                new EventGroup(
                    EventId.of(2),
                    "core",
                    "http_request",
                    "core.http_request",
                    null,
                    "call_api",
                    "Call api",
                    "Calls the API",
                    ACTION_INPUT,
                    null,
                    new RetryPolicy(3, 60, "2024-06-01T00:00:00Z"),
                    2.5,
                    JoinStrategy.ANY,
                    null),
                scheduledGroup),
        () -> assertEquals(scheduledGroup.withCurrentAttempt(1L), group(document, 3)),
        () -> assertEquals(scheduledGroup.withCurrentAttempt(2L), group(document, 4)),
        () -> assertEquals(scheduledGroup.withCurrentAttempt(2L), group(document, 5)),
        () -> assertEquals(scheduledGroup.withCurrentAttempt(2L), group(document, 6)),
        () ->
            assertEquals(
                new DocumentFailure("HTTP 500 with token=[REDACTED]", JsonText.EMPTY_OBJECT),
                event(document, 5).failure()),
        () -> assertNull(event(document, 6).failure()),
        () -> assertEquals(result, event(document, 6).result()),
        () -> assertEquals(Payload.ABSENT, event(document, 5).result()),
        () -> assertEquals(Payload.ABSENT, event(document, 2).result()));
  }

  @Test
  void givenAnActivityClosedBeforeAnyStart_whenRendered_thenItsAttemptIsStillNull() {
    ExecutionDocument document =
        render(
            started(),
            action(2, CALL_API, ACTION_INPUT),
            activityClosed(3, ACTIVITY_TASK_CANCELED, 2));

    assertNull(group(document, 3).currentAttempt());
    assertEquals(EventId.of(2), group(document, 3).eventId());
  }

  @Test
  void givenActivitiesTimedOutOrCanceled_whenRendered_thenTheyCarryNoFailure() {
    ExecutionDocument document =
        render(
            started(),
            action(2, CALL_API, ACTION_INPUT),
            activityStarted(3, 2, 1),
            activityClosed(4, ACTIVITY_TASK_TIMED_OUT, 2),
            action(5, CALL_API, ACTION_INPUT),
            activityClosed(6, ACTIVITY_TASK_CANCELED, 5));

    assertNull(event(document, 4).failure());
    assertNull(event(document, 6).failure());
    assertEquals(1L, group(document, 4).currentAttempt());
  }

  @Test
  void givenTwoActivities_whenRendered_thenTheAttemptsOfOneDoNotLeakIntoTheOther() {
    ExecutionDocument document =
        render(
            started(),
            action(2, CALL_API, ACTION_INPUT),
            action(3, TracecatTask.of("core.transform.reshape", "reshape"), ACTION_INPUT),
            activityStarted(4, 2, 3),
            activityCompleted(5, 3, Payload.json("1")));

    assertEquals(3L, group(document, 4).currentAttempt());
    assertNull(group(document, 5).currentAttempt());
    assertEquals("reshape", group(document, 5).actionRef());
  }

  @ParameterizedTest
  @CsvSource({
    "call_api, Call api",
    "HTTP_get, HTTP get",
    "a, A",
    "_x_, ' x '",
    "éclair_time, Éclair time"
  })
  void givenAnActionRef_whenTitled_thenUnderscoresAreSpacesAndOnlyTheFirstLetterIsRaised(
      String ref, String title) {
    ExecutionDocument document =
        render(started(), action(2, TracecatTask.of("core.x", ref), ACTION_INPUT));

    assertEquals(title, group(document, 2).actionTitle());
  }

  @Test
  void givenAnActionWithoutRef_whenRendered_thenRefAndTitleAreNull() {
    ExecutionDocument document =
        render(started(), action(2, TracecatTask.of("core.x", null), ACTION_INPUT));

    assertNull(group(document, 2).actionRef());
    assertNull(group(document, 2).actionTitle());
    assertNull(group(document, 2).actionDescription());
  }

  @ParameterizedTest
  @CsvSource({
    "core.http_request, core, http_request",
    "tools.slack.post_message, tools.slack, post_message",
    "http, '', http"
  })
  void givenAnActionKey_whenRendered_thenItIsSplitAtItsLastDot(
      String key, String namespace, String name) {
    EventGroup group =
        group(render(started(), action(2, TracecatTask.of(key, "r"), ACTION_INPUT)), 2);

    assertEquals(key, group.udfKey());
    assertEquals(namespace, group.udfNamespace());
    assertEquals(name, group.udfName());
  }

  static Stream<Arguments> retryPolicies() {
    return Stream.of(
        Arguments.of(null, null, null, RetryPolicy.DEFAULT),
        Arguments.of(5L, null, null, new RetryPolicy(5, 300, null)),
        Arguments.of(null, 30L, null, new RetryPolicy(1, 30, null)),
        Arguments.of(null, null, "2025-01-01", new RetryPolicy(1, 300, "2025-01-01")),
        Arguments.of(0L, 0L, null, new RetryPolicy(0, 0, null)),
        Arguments.of(-1L, -5L, null, RetryPolicy.DEFAULT));
  }

  @ParameterizedTest
  @MethodSource("retryPolicies")
  void givenATaskRetryPolicy_whenRendered_thenEachFieldIsDefaultedOnItsOwn(
      Long maxAttempts, Long timeout, String retryUntil, RetryPolicy expected) {
    var task = new TracecatTask("core.x", "r", null, maxAttempts, timeout, retryUntil, null, null);

    assertEquals(
        expected, group(render(started(), action(2, task, ACTION_INPUT)), 2).retryPolicy());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {"null, ALL", "all, ALL", "any, ANY", "ANY, ALL", "first, ALL"})
  void givenATaskJoinStrategy_whenRendered_thenUnknownOrMissingIsAll(
      String joinStrategy, JoinStrategy expected) {
    var task = new TracecatTask("core.x", "r", null, null, null, null, null, joinStrategy);

    assertEquals(
        expected, group(render(started(), action(2, task, ACTION_INPUT)), 2).joinStrategy());
  }

  @Test
  void givenATaskWithoutStartDelay_whenRendered_thenItIsZero() {
    assertEquals(
        0.0,
        group(render(started(), action(2, TracecatTask.of("core.x", "r"), ACTION_INPUT)), 2)
            .startDelay());
  }

  @Test
  void givenARunActionInputInAnotherWorkflowType_whenRendered_thenItIsStillATracecatAction() {
    EventGroup group =
        group(
            render(started("OrderWorkflow", Payload.ABSENT), action(2, CALL_API, ACTION_INPUT)), 2);

    assertEquals("core.http_request", group.udfKey());
  }

  // --- Tracecat internals and generic activities ----------------------------------------------

  @Test
  void givenAnInternalActivityInADslWorkflow_whenRendered_thenItAndItsFollowUpsAreHidden() {
    ExecutionDocument document =
        render(
            started(),
            scheduled(
                2, "get_workflow_definition_activity", Payload.json("{\"id\":1}"), null, null),
            activityStarted(3, 2, 1),
            activityFailed(4, 2, Failure.of("retry")),
            activityStarted(5, 2, 2),
            activityCompleted(6, 2, Payload.json("{}")),
            activityClosed(7, ACTIVITY_TASK_TIMED_OUT, 2),
            completed(8, Payload.ABSENT));

    assertEquals(List.of(1L, 8L), shownIds(document));
    assertEquals(8, document.historyLength());
  }

  @Test
  void givenAnActivityWithoutInputInADslWorkflow_whenRendered_thenItIsHiddenAsAnInternal() {
    ExecutionDocument document =
        render(
            started(),
            scheduled(2, "noop_activity", Payload.ABSENT, null, null),
            activityStarted(3, 2, 1));

    assertEquals(List.of(1L), shownIds(document));
  }

  @Test
  void givenTheSameActivityInAnotherWorkflowType_whenRendered_thenItHasAGenericGroup() {
    Payload input = Payload.json("{\"id\":1}");
    ExecutionDocument document =
        render(
            started("OrderWorkflow", Payload.ABSENT),
            scheduled(2, "get_workflow_definition_activity", input, null, null),
            activityStarted(3, 2, 4),
            activityCompleted(4, 2, Payload.json("{}")));

    EventGroup expected =
        genericGroup(2, "get_workflow_definition_activity", "activity-2", input, null);
    assertEquals(List.of(1L, 2L, 3L, 4L), shownIds(document));
    assertEquals(expected, group(document, 2));
    assertEquals(expected.withCurrentAttempt(4L), group(document, 3));
    assertEquals(expected.withCurrentAttempt(4L), group(document, 4));
  }

  @Test
  void givenAnUnreadableActivityInputInADslWorkflow_whenRendered_thenItIsShownWithAGenericGroup() {
    Payload unreadable = new Payload.Unreadable("binary/encrypted", 128);
    ExecutionDocument document =
        render(
            started(),
            scheduled(2, "run_action_activity", unreadable, null, null),
            activityStarted(3, 2, 1));

    assertEquals(
        genericGroup(2, "run_action_activity", "activity-2", unreadable, null), group(document, 2));
    assertEquals(1L, group(document, 3).currentAttempt());
  }

  @Test
  void givenFollowUpsWhoseOriginIsNotInTheHistory_whenRendered_thenTheyHaveNoGroup() {
    ExecutionDocument document =
        render(
            started(),
            other(2),
            activityStarted(3, 2, 1),
            activityCompleted(4, 2, Payload.json("1")),
            childEvent(5, CHILD_WORKFLOW_EXECUTION_STARTED, 2, Payload.ABSENT, null),
            updateCompleted(6, 2L, "missing-update", Payload.json("1"), null));

    assertEquals(List.of(1L, 3L, 4L, 5L, 6L), shownIds(document));
    document.events().forEach(event -> assertNull(event.group(), "event " + event.eventId()));
  }

  // --- child workflows -----------------------------------------------------------------------

  @Test
  void givenADslWorkflowChild_whenRendered_thenItIsACoreWorkflowExecuteAction() {
    String childId = "wf_AAAAAAAAAAAAAAAAAAAAAA/exec_BBBBBBBBBBBBBBBBBBBBBB";
    Payload input = Payload.json("{\"role\":{},\"dsl\":{\"title\":\"Enrich\"}}");
    Payload result = Payload.json("{\"ok\":true}");
    ExecutionDocument document =
        render(
            started(),
            childInitiated(
                2, childId, DSL, input, new RunArgs(ROLE, null, null), "Enrich", "Adds context"),
            childEvent(3, CHILD_WORKFLOW_EXECUTION_STARTED, 2, Payload.ABSENT, null),
            childEvent(4, CHILD_WORKFLOW_EXECUTION_COMPLETED, 2, result, null));

    EventGroup expected =
        new EventGroup(
            EventId.of(2),
            "core.workflow",
            "execute",
            "core.workflow.execute",
            "wf_AAAAAAAAAAAAAAAAAAAAAA",
            null,
            "Enrich",
            "Adds context",
            input,
            null,
            RetryPolicy.DEFAULT,
            0.0,
            JoinStrategy.ALL,
            childId);
    assertAll(
        () -> assertEquals(expected, group(document, 2)),
        () -> assertEquals(expected, group(document, 3)),
        () -> assertEquals(expected, group(document, 4)),
        () -> assertEquals(ROLE, event(document, 2).role()),
        () -> assertNull(event(document, 3).role()),
        () -> assertNull(event(document, 2).workflowTimeout()),
        () -> assertNull(event(document, 2).parentWorkflowId()),
        () -> assertEquals(result, event(document, 4).result()));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "wf-0123456789abcdef0123456789abcdef:exec-42, wf-0123456789abcdef0123456789abcdef",
        "wf_AAAAAAAAAAAAAAAAAAAAAA:exec_BBBBBBBBBBBBBBBBBBBBBB, wf_AAAAAAAAAAAAAAAAAAAAAA",
        "3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c, null"
      })
  void givenADslWorkflowChildId_whenRendered_thenActionIdIsItsTracecatWorkflowPart(
      String childId, String actionId) {
    EventGroup group =
        group(render(started(), childInitiated(2, childId, DSL, Payload.json("{}"))), 2);

    assertEquals(actionId, group.actionId());
    assertEquals(childId, group.relatedWorkflowId());
  }

  @Test
  void givenAChildOfAnotherType_whenRendered_thenItHasAGenericGroupNamedAfterTheChild() {
    Payload input = Payload.json("[1,2]");
    ExecutionDocument document =
        render(
            started(),
            childInitiated(2, "billing-7", "BillingWorkflow", input),
            childEvent(
                3, CHILD_WORKFLOW_EXECUTION_FAILED, 2, Payload.ABSENT, Failure.of("no funds")),
            childInitiated(4, "billing-8", "BillingWorkflow", input),
            childEvent(5, CHILD_WORKFLOW_EXECUTION_TIMED_OUT, 4, Payload.ABSENT, null));

    EventGroup expected = genericGroup(2, "BillingWorkflow", "billing-7", input, "billing-7");
    assertEquals(expected, group(document, 2));
    assertEquals(expected, group(document, 3));
    assertEquals(
        new DocumentFailure("no funds", JsonText.EMPTY_OBJECT), event(document, 3).failure());
    assertNull(event(document, 5).failure());
    assertNull(event(document, 2).role());
  }

  // --- updates -------------------------------------------------------------------------------

  @Test
  void givenAnUpdateOfAnotherKind_whenRendered_thenItHasAGenericGroupNamedAfterTheUpdate() {
    Payload argument = Payload.json("{\"priority\":2}");
    ExecutionDocument document =
        render(
            started(),
            updateAccepted(2, "upd-1", "set_priority", argument, null),
            updateCompleted(3, 2L, "upd-1", Payload.json("\"done\""), null));

    EventGroup expected = genericGroup(2, "set_priority", "upd-1", argument, null);
    assertEquals(expected, group(document, 2));
    assertEquals(expected, group(document, 3));
    assertEquals(Payload.json("\"done\""), event(document, 3).result());
    assertNull(event(document, 3).failure());
  }

  @Test
  void givenAnUpdateCompletionWithoutAcceptedEventId_whenRendered_thenItIsFoundByUpdateId() {
    ExecutionDocument document =
        render(
            started(),
            updateAccepted(2, "upd-1", "set_priority", Payload.json("1"), null),
            updateAccepted(3, "upd-2", "set_owner", Payload.json("2"), null),
            updateCompleted(4, null, "upd-1", Payload.ABSENT, null));

    assertEquals(EventId.of(2), group(document, 4).eventId());
  }

  @Test
  void givenAnUpdateCompletedWithAFailure_whenRendered_thenItCarriesTheFailureAndNoResult() {
    ExecutionDocument document =
        render(
            started(),
            updateAccepted(2, "upd-1", "set_priority", Payload.json("1"), null),
            updateCompleted(
                3,
                2L,
                "upd-1",
                Payload.ABSENT,
                new Failure("bad password=x", JsonText.of("{\"message\":\"secret=y\"}"))));

    assertEquals(
        new DocumentFailure("bad password=[REDACTED]", JsonText.of("{\"message\":\"secret=y\"}")),
        event(document, 3).failure());
    assertEquals(Payload.ABSENT, event(document, 3).result());
  }

  @Test
  void givenARejectedUpdate_whenRendered_thenItHasNoGroupAndCarriesTheFailure() {
    ExecutionDocument document =
        render(started(), updateRejected(2, "upd-9", Failure.of("validation failed")));

    assertNull(group(document, 2));
    assertEquals(
        new DocumentFailure("validation failed", JsonText.EMPTY_OBJECT),
        event(document, 2).failure());
  }

  @Test
  void givenARejectionOfAnAcceptedUpdateId_whenRendered_thenItJoinsThatUpdatesGroup() {
    ExecutionDocument document =
        render(
            started(),
            updateAccepted(2, "upd-1", "set_priority", Payload.json("1"), null),
            updateRejected(3, "upd-1", Failure.of("late")));

    assertEquals(group(document, 2), group(document, 3));
  }

  // --- interactions --------------------------------------------------------------------------

  private static final JsonText ANSWER = JsonText.of("{\"approved\":true}");

  private static HistoryEvent askHuman(long id, String interactionId) {
    return scheduled(
        id,
        "run_action_activity",
        ACTION_INPUT,
        TracecatTask.of("core.interact.response", "ask_human"),
        new InteractionRequest(interactionId, "ask_human_ctx", "ask_human", "approval"));
  }

  @Test
  void givenAnInteractionNotAnsweredYet_whenRendered_thenItIsPending() {
    ExecutionDocument document = render(started(), askHuman(2, "int-1"));

    assertEquals(
        java.util.Map.of(
            "int-1",
            new InteractionState(
                "approval",
                "ask_human_ctx",
                InteractionState.Status.PENDING,
                JsonText.EMPTY_OBJECT)),
        document.interactionStates());
  }

  @Test
  void givenAnInteractionAnsweredByASignal_whenRendered_thenItIsCompletedWithTheAnswer() {
    Payload signalInput =
        Payload.json("{\"interaction_id\":\"int-1\",\"data\":{\"approved\":true}}");
    ExecutionDocument document =
        render(
            started(),
            askHuman(2, "int-1"),
            signaled(3, "interaction", signalInput, new InteractionResponse("int-1", ANSWER)));

    assertEquals(
        new InteractionState(
            "approval", "ask_human_ctx", InteractionState.Status.COMPLETED, ANSWER),
        document.interactionStates().get("int-1"));
    assertEquals(signalInput, event(document, 3).result());
    assertNull(group(document, 3));
  }

  @Test
  void
      givenAnInteractionAnsweredByAnUpdate_whenRendered_thenItIsCompletedAndTheUpdateIsCoreInteract() {
    Payload argument = Payload.json("{\"interaction_id\":\"int-1\",\"data\":{\"approved\":true}}");
    ExecutionDocument document =
        render(
            started(),
            askHuman(2, "int-1"),
            updateAccepted(
                3, "upd-1", "interaction", argument, new InteractionResponse("int-1", ANSWER)),
            updateCompleted(4, 3L, "upd-1", Payload.json("null"), null));

    EventGroup expected =
        new EventGroup(
            EventId.of(3),
            "core.interact",
            "response",
            "core.interact.response",
            null,
            null,
            null,
            null,
            argument,
            null,
            RetryPolicy.DEFAULT,
            0.0,
            JoinStrategy.ALL,
            null);
    assertEquals(expected, group(document, 3));
    assertEquals(expected, group(document, 4));
    assertEquals(
        InteractionState.Status.COMPLETED, document.interactionStates().get("int-1").status());
    assertEquals(ANSWER, document.interactionStates().get("int-1").data());
  }

  @Test
  void givenAnInteractionUpdateThatFailed_whenRendered_thenTheInteractionStaysPending() {
    ExecutionDocument document =
        render(
            started(),
            askHuman(2, "int-1"),
            updateAccepted(
                3,
                "upd-1",
                "interaction",
                Payload.json("{}"),
                new InteractionResponse("int-1", ANSWER)),
            updateCompleted(4, 3L, "upd-1", Payload.ABSENT, Failure.of("closed")));

    assertEquals(
        InteractionState.Status.PENDING, document.interactionStates().get("int-1").status());
  }

  @Test
  void givenAnswersForUnknownInteractions_whenRendered_thenTheyAreIgnored() {
    ExecutionDocument document =
        render(
            started(),
            askHuman(2, "int-1"),
            signaled(
                3, "interaction", Payload.json("{}"), new InteractionResponse("int-x", ANSWER)),
            updateAccepted(
                4,
                "upd-1",
                "interaction",
                Payload.json("{}"),
                new InteractionResponse("int-y", ANSWER)),
            updateCompleted(5, 4L, "upd-1", Payload.ABSENT, null));

    assertEquals(List.of("int-1"), List.copyOf(document.interactionStates().keySet()));
    assertEquals(
        InteractionState.Status.PENDING, document.interactionStates().get("int-1").status());
  }

  @Test
  void givenSeveralInteractions_whenRendered_thenKeysAreInTheOrderTheyWereFirstScheduled() {
    ExecutionDocument document =
        render(
            started(),
            askHuman(2, "int-b"),
            askHuman(3, "int-a"),
            askHuman(4, "int-c"),
            askHuman(5, "int-b"));

    assertEquals(
        List.of("int-b", "int-a", "int-c"), List.copyOf(document.interactionStates().keySet()));
  }

  @Test
  void givenAnInteractionOnAHiddenActivity_whenRendered_thenItsStateIsStillTracked() {
    ExecutionDocument document =
        render(
            started(),
            scheduled(
                2,
                "internal_activity",
                Payload.json("{}"),
                null,
                new InteractionRequest("int-1", null, "ask", null)));

    assertEquals(List.of(1L), shownIds(document));
    assertEquals(
        new InteractionState(
            "response", "ask", InteractionState.Status.PENDING, JsonText.EMPTY_OBJECT),
        document.interactionStates().get("int-1"));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "approval, ctx, ref, approval, ctx",
        "response, null, ref, response, ref",
        "null, null, null, response, ''",
        "multiple_choice, ctx, null, response, ctx"
      })
  void givenAnInteractionRequest_whenRendered_thenTypeAndActionRefFallBack(
      String type, String contextRef, String taskRef, String expectedType, String expectedRef) {
    ExecutionDocument document =
        render(
            started(),
            scheduled(
                2,
                "run_action_activity",
                ACTION_INPUT,
                TracecatTask.of("core.x", taskRef),
                new InteractionRequest("int-1", contextRef, taskRef, type)));

    InteractionState state = document.interactionStates().get("int-1");
    assertEquals(expectedType, state.type());
    assertEquals(expectedRef, state.actionRef());
  }

  // --- the workflow's own events -------------------------------------------------------------

  @Test
  void givenAFailedWorkflow_whenRendered_thenItsFailureIsRedactedAndTheCauseKept() {
    JsonText cause = JsonText.of("{\"message\":\"Authorization: Bearer abc\",\"source\":\"py\"}");
    ExecutionDocument document =
        render(started(), failed(2, new Failure("GET https://u:pw@h/ failed", cause)));

    assertEquals(
        new DocumentFailure("GET https://u:[REDACTED]@h/ failed", cause),
        event(document, 2).failure());
  }

  @Test
  void givenAFailedWorkflowRecordedWithoutFailure_whenRendered_thenTheFailureIsEmpty() {
    ExecutionDocument document =
        render(
            started(),
            new HistoryEvent.WorkflowClosed(
                Events.header(2, KnownEventType.WORKFLOW_EXECUTION_FAILED), Payload.ABSENT, null));

    assertEquals(new DocumentFailure("", JsonText.EMPTY_OBJECT), event(document, 2).failure());
  }

  @Test
  void givenATerminatedWorkflow_whenRendered_thenItCarriesNoFailure() {
    ExecutionDocument document = render(started(), closed(2, WORKFLOW_EXECUTION_TERMINATED));

    assertNull(event(document, 2).failure());
    assertEquals(ExecutionStatus.TERMINATED, document.status());
  }

  static Stream<Arguments> timeouts() {
    return Stream.of(
        Arguments.of(
            new RunArgs(ROLE, new TimeoutSetting.Seconds(60), new TimeoutSetting.Seconds(120)),
            60.0),
        Arguments.of(new RunArgs(ROLE, null, new TimeoutSetting.Seconds(120)), 120.0),
        Arguments.of(new RunArgs(ROLE, new TimeoutSetting.Text("PT5M"), null), 300.0),
        Arguments.of(new RunArgs(ROLE, null, new TimeoutSetting.Text("PT1H30M")), 5400.0),
        Arguments.of(new RunArgs(ROLE, new TimeoutSetting.Text("300s"), null), 300.0),
        Arguments.of(new RunArgs(ROLE, new TimeoutSetting.Text("1.5s"), null), 1.5),
        Arguments.of(new RunArgs(ROLE, new TimeoutSetting.Text("soon"), null), 0.0),
        Arguments.of(new RunArgs(ROLE, new TimeoutSetting.Text("300"), null), 0.0),
        // Beyond what a double holds: no finite number of seconds, so none is shown.
        Arguments.of(
            new RunArgs(ROLE, new TimeoutSetting.Text("1" + "0".repeat(400) + "s"), null), 0.0),
        Arguments.of(new RunArgs(ROLE, new TimeoutSetting.Unreadable(), null), 0.0),
        Arguments.of(new RunArgs(ROLE, null, null), 0.0));
  }

  @ParameterizedTest
  @MethodSource("timeouts")
  void givenRunArgs_whenRendered_thenRoleIsCopiedAndTheTimeoutRead(
      RunArgs runArgs, double seconds) {
    DocumentEvent first = event(render(started(DSL, runArgs, Duration.ofHours(1), null)), 1);

    assertEquals(ROLE, first.role());
    assertEquals(seconds, first.workflowTimeout());
  }

  static Stream<Arguments> temporalTimeouts() {
    return Stream.of(
        Arguments.of(Duration.ofSeconds(90), 90.0),
        Arguments.of(Duration.ofMillis(1500), 1.5),
        Arguments.of(Duration.ZERO, null),
        Arguments.of(null, null));
  }

  @ParameterizedTest
  @MethodSource("temporalTimeouts")
  void givenNoRunArgs_whenRendered_thenTheTimeoutIsTemporalsWhenSetAndNonZero(
      Duration executionTimeout, Double seconds) {
    DocumentEvent first = event(render(started(DSL, null, executionTimeout, null)), 1);

    assertNull(first.role());
    assertEquals(seconds, first.workflowTimeout());
  }

  @Test
  void givenAParent_whenRendered_thenItIsOnTheStartedEventOnly() {
    ExecutionDocument document =
        render(
            started(DSL, new RunArgs(ROLE, null, null), null, "wf_parent"),
            action(2, CALL_API, ACTION_INPUT));

    assertEquals("wf_parent", event(document, 1).parentWorkflowId());
    assertEquals("wf_parent", document.parentWorkflowId());
    assertNull(event(document, 2).parentWorkflowId());
    assertNull(event(document, 2).workflowTimeout());
    assertNull(event(document, 2).role());
  }

  // --- scale ---------------------------------------------------------------------------------

  @Test
  void givenAFiftyThousandEventHistory_whenRendered_thenItTakesOnePass() {
    List<HistoryEvent> history = new ArrayList<>();
    history.add(started());
    long id = 2;
    while (id + 3 <= 50_000) {
      long scheduledId = id;
      history.add(action(id++, CALL_API, ACTION_INPUT));
      history.add(activityStarted(id++, scheduledId, 1));
      history.add(activityCompleted(id++, scheduledId, Payload.json("1")));
    }
    WorkflowExecution execution = WorkflowExecution.restore(ID, WORKSPACE, history);

    ExecutionDocument document =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> ExecutionDocuments.render(execution));

    assertEquals(history.size(), document.events().size());
    assertEquals(EventId.of(id - 3), document.events().getLast().group().eventId());
  }
}
