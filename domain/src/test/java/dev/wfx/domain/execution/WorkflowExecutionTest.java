package dev.wfx.domain.execution;

import static dev.wfx.domain.testing.Events.activityStarted;
import static dev.wfx.domain.testing.Events.closed;
import static dev.wfx.domain.testing.Events.completed;
import static dev.wfx.domain.testing.Events.header;
import static dev.wfx.domain.testing.Events.other;
import static dev.wfx.domain.testing.Events.others;
import static dev.wfx.domain.testing.Events.runningHistory;
import static dev.wfx.domain.testing.Events.started;
import static dev.wfx.domain.testing.Events.workflowTaskFailed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventType;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.HistoryEvent.WorkflowTaskFailed;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.testing.Events;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkflowExecutionTest {

  private static final ExecutionId ID = ExecutionId.of("order-42");
  private static final WorkspaceId WORKSPACE = WorkspaceId.of("ws-1");
  private static final RunId RUN = RunId.of("run-1");

  private static BatchRejection startRejection(List<HistoryEvent> batch) {
    return assertInstanceOf(
            StartOutcome.Rejected.class, WorkflowExecution.start(ID, WORKSPACE, Optional.of(RUN), batch))
        .rejection();
  }

  private static WorkflowExecution startedWith(List<HistoryEvent> batch) {
    return assertInstanceOf(
            StartOutcome.Started.class, WorkflowExecution.start(ID, WORKSPACE, Optional.of(RUN), batch))
        .execution();
  }

  private static BatchRejection appendRejection(
      WorkflowExecution execution, List<HistoryEvent> batch) {
    return assertInstanceOf(AppendOutcome.Rejected.class, execution.append(batch)).rejection();
  }

  private static WorkflowStarted startedEvent(
      String originalRunId, String firstRunId, Duration backoff) {
    return new WorkflowStarted(
        header(1, KnownEventType.WORKFLOW_EXECUTION_STARTED),
        "DSLWorkflow",
        "queue",
        originalRunId,
        firstRunId,
        backoff,
        null,
        null,
        Payload.ABSENT,
        null);
  }

  private static List<HistoryEvent> concat(List<HistoryEvent> first, List<HistoryEvent> second) {
    List<HistoryEvent> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  // --- start ---------------------------------------------------------------------------------

  @Test
  void givenAFirstBatchFromEventOne_whenStarted_thenTheExecutionHoldsIt() {
    WorkflowExecution execution = startedWith(runningHistory(3));

    assertEquals(ID, execution.id());
    assertEquals(WORKSPACE, execution.workspace());
    assertEquals(3, execution.historyLength());
    assertEquals(EventId.of(4), execution.nextEventId());
    assertEquals(ExecutionStatus.RUNNING, execution.status());
    assertFalse(execution.isClosed());
  }

  @Test
  void givenAFirstBatchThatDoesNotStartAtOne_whenStarted_thenItIsAGapFromOne() {
    assertEquals(
        new BatchRejection.Gap(EventId.of(2), EventId.FIRST), startRejection(others(2, 3)));
  }

  @Test
  void givenAFirstEventThatIsNotStarted_whenStarted_thenItIsNotStarted() {
    assertEquals(
        new BatchRejection.NotStarted(EventId.FIRST, new EventType("WORKFLOW_TASK_SCHEDULED")),
        startRejection(others(1, 2)));
  }

  @Test
  void givenAnEmptyFirstBatch_whenStarted_thenItIsRejectedAsEmpty() {
    assertInstanceOf(BatchRejection.EmptyBatch.class, startRejection(List.of()));
  }

  @Test
  void givenAFirstBatchWithAGapInside_whenStarted_thenItNamesTheExpectedId() {
    assertEquals(
        new BatchRejection.Gap(EventId.of(4), EventId.of(3)),
        startRejection(List.of(started(), other(2), other(4))));
  }

  @Test
  void givenAFirstBatchWithASecondStarted_whenStarted_thenItIsMisplaced() {
    WorkflowStarted second =
        new WorkflowStarted(
            header(2, KnownEventType.WORKFLOW_EXECUTION_STARTED),
            "DSLWorkflow",
            "queue",
            "run-2",
            null,
            Duration.ZERO,
            null,
            null,
            Payload.ABSENT,
            null);

    assertEquals(
        new BatchRejection.MisplacedStart(EventId.of(2)),
        startRejection(List.of(started(), second)));
  }

  @Test
  void givenAFirstBatchWithEventsAfterTheClose_whenStarted_thenItIsAfterClose() {
    assertEquals(
        new BatchRejection.AfterClose(EventId.of(3), EventId.of(2), EventId.of(3)),
        startRejection(List.of(started(), completed(2, Payload.ABSENT), other(3))));
  }

  // --- append --------------------------------------------------------------------------------

  @Test
  void givenAnExecution_whenAContiguousBatchIsAppended_thenItsEventsAreAdded() {
    WorkflowExecution execution = startedWith(runningHistory(2));

    AppendOutcome outcome = execution.append(others(3, 5));

    assertEquals(new AppendOutcome.Appended(others(3, 5), 0), outcome);
    assertEquals(5, execution.historyLength());
    assertEquals(others(3, 5), execution.history().subList(2, 5));
  }

  @Test
  void givenAnExecution_whenIdenticalEventsAreSentAgain_thenTheyAreSkippedAndCounted() {
    WorkflowExecution execution = startedWith(runningHistory(4));

    AppendOutcome outcome = execution.append(runningHistory(4));

    assertEquals(new AppendOutcome.Appended(List.of(), 4), outcome);
    assertEquals(4, execution.historyLength());
  }

  @Test
  void givenAnExecution_whenABatchOverlapsItsEnd_thenOnlyTheNewEventsAreAdded() {
    WorkflowExecution execution = startedWith(runningHistory(4));

    AppendOutcome outcome = execution.append(others(3, 6));

    assertEquals(new AppendOutcome.Appended(others(5, 6), 2), outcome);
    assertEquals(6, execution.historyLength());
  }

  @Test
  void givenAStoredEvent_whenADifferentOneIsSentUnderItsId_thenItIsAConflictNamingTheNextId() {
    WorkflowExecution execution = startedWith(runningHistory(4));

    BatchRejection rejection =
        appendRejection(execution, List.of(other(3), other(4, "fp-changed"), other(5)));

    assertEquals(new BatchRejection.Conflict(EventId.of(4), EventId.of(5)), rejection);
    assertTrue(rejection.reason().contains("5"));
    assertEquals(4, execution.historyLength());
  }

  @Test
  void givenAnExecution_whenABatchLeavesAGap_thenItIsAGapNamingTheNextId() {
    WorkflowExecution execution = startedWith(runningHistory(3));

    BatchRejection rejection = appendRejection(execution, others(5, 6));

    assertEquals(new BatchRejection.Gap(EventId.of(5), EventId.of(4)), rejection);
    assertTrue(rejection.reason().contains("expected next event id is 4"));
    assertEquals(3, execution.historyLength());
  }

  @Test
  void givenABatchWithAGapInside_whenAppended_thenNothingOfItIsAdded() {
    WorkflowExecution execution = startedWith(runningHistory(3));

    BatchRejection rejection = appendRejection(execution, List.of(other(4), other(6)));

    assertEquals(new BatchRejection.Gap(EventId.of(6), EventId.of(5)), rejection);
    assertEquals(3, execution.historyLength());
  }

  @Test
  void givenAnExecution_whenAnEmptyBatchIsAppended_thenItIsRejectedAsEmpty() {
    WorkflowExecution execution = startedWith(runningHistory(3));

    assertInstanceOf(BatchRejection.EmptyBatch.class, appendRejection(execution, List.of()));
  }

  @Test
  void givenAnExecution_whenAStartedEventComesLater_thenItIsMisplaced() {
    WorkflowExecution execution = startedWith(runningHistory(3));
    WorkflowStarted misplaced =
        new WorkflowStarted(
            header(4, KnownEventType.WORKFLOW_EXECUTION_STARTED),
            "DSLWorkflow",
            "queue",
            "run-9",
            null,
            Duration.ZERO,
            null,
            null,
            Payload.ABSENT,
            null);

    assertEquals(
        new BatchRejection.MisplacedStart(EventId.of(4)),
        appendRejection(execution, List.of(misplaced)));
  }

  @Test
  void givenABatchThatClosesAndContinues_whenAppended_thenItIsAfterCloseAndNothingIsAdded() {
    WorkflowExecution execution = startedWith(runningHistory(2));

    BatchRejection rejection =
        appendRejection(execution, List.of(other(3), completed(4, Payload.ABSENT), other(5)));

    assertEquals(
        new BatchRejection.AfterClose(EventId.of(5), EventId.of(4), EventId.of(5)), rejection);
    assertEquals(2, execution.historyLength());
    assertFalse(execution.isClosed());
  }

  @Test
  void givenAClosedExecution_whenALaterBatchAddsEvents_thenItIsAfterClose() {
    WorkflowExecution execution =
        startedWith(List.of(started(), other(2), completed(3, Payload.ABSENT)));

    BatchRejection rejection = appendRejection(execution, others(4, 5));

    assertEquals(
        new BatchRejection.AfterClose(EventId.of(4), EventId.of(3), EventId.of(4)), rejection);
    assertTrue(rejection.reason().contains("event 3"));
    assertEquals(3, execution.historyLength());
  }

  @Test
  void givenAClosedExecution_whenItsLastEventsAreSentAgain_thenTheyAreDuplicates() {
    WorkflowExecution execution =
        startedWith(List.of(started(), other(2), completed(3, Payload.ABSENT)));

    AppendOutcome outcome = execution.append(List.of(other(2), completed(3, Payload.ABSENT)));

    assertEquals(new AppendOutcome.Appended(List.of(), 2), outcome);
  }

  // --- derived state -------------------------------------------------------------------------

  static Stream<Arguments> closingEvents() {
    return Stream.of(
        Arguments.of(KnownEventType.WORKFLOW_EXECUTION_COMPLETED, ExecutionStatus.COMPLETED),
        Arguments.of(KnownEventType.WORKFLOW_EXECUTION_FAILED, ExecutionStatus.FAILED),
        Arguments.of(KnownEventType.WORKFLOW_EXECUTION_CANCELED, ExecutionStatus.CANCELED),
        Arguments.of(KnownEventType.WORKFLOW_EXECUTION_TERMINATED, ExecutionStatus.TERMINATED),
        Arguments.of(
            KnownEventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW, ExecutionStatus.CONTINUED_AS_NEW),
        Arguments.of(KnownEventType.WORKFLOW_EXECUTION_TIMED_OUT, ExecutionStatus.TIMED_OUT));
  }

  @ParameterizedTest
  @MethodSource("closingEvents")
  void givenAClosingEvent_whenAppended_thenStatusAndCloseTimeComeFromIt(
      KnownEventType closingType, ExecutionStatus status) {
    WorkflowExecution execution = startedWith(runningHistory(2));

    execution.append(List.of(closed(3, closingType)));

    assertEquals(status, execution.status());
    assertTrue(execution.isClosed());
    assertEquals(Optional.of(Events.T0.plusSeconds(3)), execution.closeTime());
  }

  @Test
  void givenARunningExecution_whenAsked_thenItHasNoCloseTime() {
    WorkflowExecution execution = startedWith(List.of(started(), activityStarted(2, 1, 1)));

    assertEquals(Optional.empty(), execution.closeTime());
    assertEquals(ExecutionStatus.RUNNING, execution.status());
  }

  @Test
  void givenAStartedEventWithBothRunIds_whenItsRunIsAsked_thenTheOriginalRunIdIsTheRun() {
    assertEquals(
        Optional.of(RunId.of("original")),
        WorkflowExecution.runNamedBy(List.of(startedEvent("original", "first", Duration.ZERO))));
  }

  @Test
  void givenAStartedEventWithOnlyTheFirstRunId_whenItsRunIsAsked_thenItIsTheRun() {
    assertEquals(
        Optional.of(RunId.of("first")),
        WorkflowExecution.runNamedBy(List.of(startedEvent(null, "first", Duration.ZERO))));
  }

  @Test
  void givenAStartedEventWithoutRunIds_whenBuilt_thenItIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> startedEvent(null, " ", Duration.ZERO));
  }

  @Test
  void givenResets_whenTheRunOfTheBatchIsAsked_thenItIsTheLastResetsNewRunId() {
    List<HistoryEvent> batch =
        concat(
            runningHistory(2),
            List.of(
                workflowTaskFailed(3, WorkflowTaskFailed.RESET_CAUSE, "run-2"),
                workflowTaskFailed(4, "WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND", "run-x"),
                workflowTaskFailed(5, WorkflowTaskFailed.RESET_CAUSE, "run-3"),
                workflowTaskFailed(6, WorkflowTaskFailed.RESET_CAUSE, null)));

    assertEquals(Optional.of(RunId.of("run-3")), WorkflowExecution.runNamedBy(batch));
    assertEquals(
        Optional.of(RunId.of("run-3")), WorkflowExecution.runNamedBy(batch.subList(2, 6)));
  }

  @Test
  void givenAWorkflowTaskFailureThatIsNoReset_whenTheRunIsAsked_thenItIsTheStartedEvents() {
    List<HistoryEvent> batch =
        concat(
            runningHistory(2),
            List.of(workflowTaskFailed(3, "WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND", "run-x")));

    assertEquals(Optional.of(RunId.of("run-1")), WorkflowExecution.runNamedBy(batch));
    assertEquals(Optional.empty(), WorkflowExecution.runNamedBy(batch.subList(1, 3)));
  }

  @Test
  void givenARunNamedByItsRecorder_whenStartedAndAppended_thenItKeepsThatRunWhateverTheEventsSay() {
    WorkflowExecution execution = startedWith(runningHistory(2));

    execution.append(List.of(workflowTaskFailed(3, WorkflowTaskFailed.RESET_CAUSE, "run-2")));

    assertEquals(RUN, execution.runId());
  }

  @Test
  void givenAFirstWorkflowTaskBackoff_whenAsked_thenExecutionTimeIsStartPlusBackoff() {
    WorkflowExecution execution =
        startedWith(List.of(startedEvent("run", null, Duration.ofMinutes(5))));

    assertEquals(Events.T0.plusSeconds(1), execution.startTime());
    assertEquals(Events.T0.plusSeconds(1 + 300), execution.executionTime());
  }

  @Test
  void givenNoBackoff_whenAsked_thenExecutionTimeIsStartTime() {
    WorkflowExecution execution = startedWith(runningHistory(1));

    assertEquals(execution.startTime(), execution.executionTime());
  }

  @Test
  void givenAStartedEvent_whenAsked_thenTypeQueueAndParentComeFromIt() {
    WorkflowExecution execution =
        startedWith(List.of(started("OrderWorkflow", null, null, "parent-1")));

    assertEquals("OrderWorkflow", execution.workflowType());
    assertEquals("default-queue", execution.taskQueue());
    assertEquals(Optional.of("parent-1"), execution.parentWorkflowId());
  }

  // --- restore -------------------------------------------------------------------------------

  @Test
  void givenAStoredHistory_whenRestored_thenTheDerivedStateIsRebuilt() {
    List<HistoryEvent> history =
        concat(
            runningHistory(2),
            List.of(
                workflowTaskFailed(3, WorkflowTaskFailed.RESET_CAUSE, "run-2"),
                closed(4, KnownEventType.WORKFLOW_EXECUTION_TERMINATED)));

    WorkflowExecution execution = WorkflowExecution.restore(ID, WORKSPACE, history);

    assertEquals(4, execution.historyLength());
    assertEquals(RunId.of("run-2"), execution.runId());
    assertEquals(ExecutionStatus.TERMINATED, execution.status());
    assertEquals(history, execution.history());
  }

  @Test
  void givenAnEmptyHistory_whenRestored_thenItIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> WorkflowExecution.restore(ID, WORKSPACE, List.of()));
  }

  @Test
  void givenAHistoryThatDoesNotOpenWithStarted_whenRestored_thenItIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> WorkflowExecution.restore(ID, WORKSPACE, others(1, 2)));
  }

  @Test
  void givenAHistoryWithAGap_whenRestored_thenItIsRefused() {
    List<HistoryEvent> history = List.of(started(), other(2), other(4));

    assertThrows(
        IllegalArgumentException.class, () -> WorkflowExecution.restore(ID, WORKSPACE, history));
  }

  @Test
  void givenARestoredExecution_whenTheHistoryIsChangedFromOutside_thenItCannot() {
    WorkflowExecution execution = startedWith(runningHistory(2));

    assertThrows(UnsupportedOperationException.class, () -> execution.history().add(other(3)));
  }

  /** Histories and batches that meet every rule of spec §7 at every place a tail can begin. */
  static Stream<Arguments> tailCases() {
    List<HistoryEvent> closedHistory = new ArrayList<>(runningHistory(7));
    closedHistory.add(completed(8, Payload.ABSENT));
    List<HistoryEvent> resetHistory = new ArrayList<>(runningHistory(2));
    resetHistory.add(workflowTaskFailed(3, WorkflowTaskFailed.RESET_CAUSE, "run-2"));
    resetHistory.addAll(others(4, 8));
    List<List<HistoryEvent>> batches =
        List.of(
            others(9, 10),
            others(10, 10),
            others(6, 9),
            others(5, 8),
            List.of(other(7), other(8, "changed"), other(9)),
            List.of(other(8), completed(9, Payload.ABSENT), other(10)),
            List.of(other(9), started()),
            List.of());
    List<Arguments> cases = new ArrayList<>();
    for (List<HistoryEvent> history : List.of(runningHistory(8), closedHistory, resetHistory)) {
      for (List<HistoryEvent> batch : batches) {
        cases.add(Arguments.of(history, batch));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("tailCases")
  void givenATailFromTheBatchsFirstEvent_whenTheBatchIsAppended_thenTheOutcomeIsTheFullHistorys(
      List<HistoryEvent> history, List<HistoryEvent> batch) {
    WorkflowExecution whole = WorkflowExecution.restore(ID, WORKSPACE, history);
    long from = batch.isEmpty() ? 1 : batch.getFirst().id().value();
    WorkflowExecution tail = restoredForAppend(history, from);

    assertEquals(whole.append(batch), tail.append(batch));
    assertEquals(whole.historyLength(), tail.historyLength());
    assertEquals(whole.status(), tail.status());
    assertEquals(whole.closeTime(), tail.closeTime());
    assertEquals(whole.runId(), tail.runId());
    assertEquals(whole.nextEventId(), tail.nextEventId());
  }

  @Test
  void givenATailRestoredExecution_whenItsHistoryIsAsked_thenItIsNotAvailable() {
    WorkflowExecution tail = restoredForAppend(runningHistory(8), 6);

    assertThrows(IllegalStateException.class, tail::history);
  }

  @Test
  void givenATailRestoredExecution_whenABatchBeginsBeforeTheTail_thenItIsTheCallersBug() {
    WorkflowExecution tail = restoredForAppend(runningHistory(8), 6);

    assertThrows(IllegalStateException.class, () -> tail.append(others(4, 9)));
  }

  @Test
  void givenATailFromTheSecondEvent_whenRestoredForAppend_thenItHoldsTheWholeHistory() {
    WorkflowExecution tail = restoredForAppend(runningHistory(8), 2);

    assertEquals(runningHistory(8), tail.history());
  }

  @Test
  void givenATailWithAGapOrWithoutTheLastEvent_whenRestoredForAppend_thenItIsRefused() {
    WorkflowStarted started = started();

    assertThrows(
        IllegalArgumentException.class,
        () ->
            WorkflowExecution.restoreForAppend(
                ID, WORKSPACE, RUN, 8, started, List.of(other(6), other(8))));
    assertThrows(
        IllegalArgumentException.class,
        () -> WorkflowExecution.restoreForAppend(ID, WORKSPACE, RUN, 8, started, List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WorkflowExecution.restoreForAppend(
                ID, WORKSPACE, RUN, 8, started, List.of(other(6), other(7))));
  }

  /** What a store hands over: the summary, the started event and the events from {@code from}. */
  private static WorkflowExecution restoredForAppend(List<HistoryEvent> history, long from) {
    WorkflowExecution whole = WorkflowExecution.restore(ID, WORKSPACE, history);
    int tailFrom = (int) Math.min(from, history.size()) - 1;
    return WorkflowExecution.restoreForAppend(
        ID,
        WORKSPACE,
        whole.runId(),
        history.size(),
        whole.startedEvent(),
        history.subList(tailFrom, history.size()));
  }
}
