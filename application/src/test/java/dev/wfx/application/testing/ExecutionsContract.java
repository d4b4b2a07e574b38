package dev.wfx.application.testing;

import static dev.wfx.application.testing.AuditEntries.AT;
import static dev.wfx.application.testing.AuditEntries.WRITER;
import static dev.wfx.domain.testing.Events.others;
import static dev.wfx.domain.testing.Events.runningHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.AppendOutcome;
import dev.wfx.domain.execution.BatchRejection;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.StartOutcome;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.EventHeader;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.Other;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.HistoryEvent.WorkflowTaskFailed;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.testing.EventVariants;
import dev.wfx.domain.testing.Events;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every behaviour of the {@link Executions} port; each store runs it by supplying an empty
 * instance.
 */
public abstract class ExecutionsContract {

  protected static final ExecutionId ID = ExecutionId.of("order-42");
  protected static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  protected static final WorkspaceId WS_B = WorkspaceId.of("ws-b");
  protected static final int LARGE_HISTORY = 10_000;

  private Executions executions;
  private AuditTrail auditTrail;

  /** A store that holds no execution, with an empty audit trail; called before each test. */
  protected abstract Executions emptyExecutions();

  /** The audit trail that the store of {@link #emptyExecutions()} writes its entries to. */
  protected abstract AuditTrail auditTrail();

  /** Makes the store's audit trail refuse every later entry, as a failing insert would. */
  protected abstract void refuseAuditEntries();

  @BeforeEach
  void startEmpty() {
    executions = emptyExecutions();
    auditTrail = auditTrail();
  }

  @Test
  void givenNoExecution_whenFound_thenThereIsNone() {
    assertEquals(Optional.empty(), found(ID, Visibility.everywhere()));
    assertEquals(OptionalLong.empty(), versionOf(ID, Visibility.everywhere()));
  }

  @Test
  void givenANewExecution_whenAppendedAtVersionZero_thenItLoadsWithItsHistoryAndSummary() {
    WorkflowExecution started = start(ID, WS_A, runningHistory(3));

    assertEquals(SaveOutcome.SAVED, store(started, 0, started.history()));

    WorkflowExecution found = found(ID, Visibility.everywhere()).orElseThrow();
    assertEquals(ID, found.id());
    assertEquals(WS_A, found.workspace());
    assertEquals(runningHistory(3), found.history());
    assertEquals(ExecutionStatus.RUNNING, found.status());
    assertEquals(RunId.of("run-1"), found.runId());
    assertEquals(OptionalLong.of(3), versionOf(ID, Visibility.everywhere()));
  }

  @Test
  void givenAnExecutionInOneWorkspace_whenLookedForWithinAnother_thenItIsNotThere() {
    save(start(ID, WS_A, runningHistory(2)));

    assertTrue(found(ID, Visibility.within(WS_B)).isEmpty());
    assertEquals(OptionalLong.empty(), versionOf(ID, Visibility.within(WS_B)));
    assertTrue(found(ID, Visibility.within(WS_A)).isPresent());
    assertEquals(OptionalLong.of(2), versionOf(ID, Visibility.within(WS_A)));
    assertTrue(found(ID, Visibility.everywhere()).isPresent());
  }

  @Test
  void givenAnExecution_whenTheNextBatchIsAppended_thenTheHistoryAndVersionGrow() {
    save(start(ID, WS_A, runningHistory(2)));
    WorkflowExecution loaded = find(ID);
    List<HistoryEvent> added = appended(loaded.append(others(3, 5)));

    assertEquals(SaveOutcome.SAVED, store(loaded, 2, added));

    assertEquals(runningHistory(5), find(ID).history());
    assertEquals(OptionalLong.of(5), versionOf(ID, Visibility.everywhere()));
  }

  @Test
  void givenTheSameIdInTwoWorkspaces_whenEachIsStored_thenEachHasItsOwnHistory() {
    save(start(ID, WS_A, runningHistory(2)));
    save(start(ID, WS_B, runningHistory(5)));

    assertEquals(runningHistory(2), found(ID, Visibility.within(WS_A)).orElseThrow().history());
    assertEquals(runningHistory(5), found(ID, Visibility.within(WS_B)).orElseThrow().history());
    assertEquals(OptionalLong.of(2), versionOf(ID, Visibility.within(WS_A)));
    assertEquals(
        new Lookup.InSeveralWorkspaces<WorkflowExecution>(List.of(WS_A, WS_B)),
        executions.find(ID, Optional.empty(), Visibility.everywhere()));
    assertEquals(
        new Lookup.InSeveralWorkspaces<StoredRun>(List.of(WS_A, WS_B)),
        executions.version(ID, Optional.empty(), Visibility.everywhere()));
    assertEquals(5, executions.findForAppend(ID, WS_B, Optional.empty(), EventId.of(6)).orElseThrow().historyLength());
  }

  @Test
  void givenSeveralRunsOfAnExecution_whenFoundWithoutARun_thenTheOneStartedLastComes() {
    List<HistoryEvent> first = Events.runHistory("run-a", Events.T0, 3);
    List<HistoryEvent> last = Events.runHistory("run-c", Events.T0.plusSeconds(60), 2);
    List<HistoryEvent> between = Events.runHistory("run-b", Events.T0.plusSeconds(30), 4);
    save(start(ID, WS_A, first));
    save(start(ID, WS_A, last));
    save(start(ID, WS_A, between));

    WorkflowExecution latest = find(ID);

    assertEquals(RunId.of("run-c"), latest.runId());
    assertEquals(last, latest.history());
    assertEquals(
        new StoredRun(ID, WS_A, RunId.of("run-c"), 2, false),
        single(executions.version(ID, Optional.empty(), Visibility.everywhere())).orElseThrow());
    assertEquals(
        RunId.of("run-c"),
        executions.findForAppend(ID, WS_A, Optional.empty(), EventId.of(3)).orElseThrow().runId());
  }

  @Test
  void givenSeveralRunsOfAnExecution_whenOneIsNamed_thenThatRunComesAndAnUnknownOneIsNotFound() {
    save(start(ID, WS_A, Events.runHistory("run-a", Events.T0, 3)));
    save(start(ID, WS_A, Events.runHistory("run-b", Events.T0.plusSeconds(30), 4)));

    Lookup<WorkflowExecution> named =
        executions.find(ID, Optional.of(RunId.of("run-a")), Visibility.within(WS_A));

    assertEquals(
        Events.runHistory("run-a", Events.T0, 3),
        single(named).orElseThrow().history());
    assertEquals(
        3,
        single(executions.version(ID, Optional.of(RunId.of("run-a")), Visibility.everywhere()))
            .orElseThrow()
            .version());
    assertEquals(
        new Lookup.NotFound<WorkflowExecution>(),
        executions.find(ID, Optional.of(RunId.of("run-x")), Visibility.everywhere()));
    assertEquals(
        new Lookup.NotFound<WorkflowExecution>(),
        executions.find(ID, Optional.of(RunId.of("run-a")), Visibility.within(WS_B)));
    WorkflowExecution older =
        executions.findForAppend(ID, WS_A, Optional.of(RunId.of("run-a")), EventId.of(4)).orElseThrow();
    List<HistoryEvent> added = appended(older.append(others(4, 6)));
    assertEquals(SaveOutcome.SAVED, store(older, 3, added));
    assertEquals(
        6,
        single(executions.version(ID, Optional.of(RunId.of("run-a")), Visibility.everywhere()))
            .orElseThrow()
            .version());
    assertEquals(4, find(ID).historyLength());
  }

  @Test
  void givenEventsWithOriginals_whenStoredInBatches_thenTheirOriginalsComeBackPageByPage() {
    List<HistoryEvent> history = withOriginals(runningHistory(7));
    save(start(ID, WS_A, history.subList(0, 4)));
    WorkflowExecution loaded = forAppend(ID, 5);
    assertEquals(SaveOutcome.SAVED, store(loaded, 4, appended(loaded.append(history.subList(4, 7)))));
    StoredRun run =
        single(executions.version(ID, Optional.empty(), Visibility.everywhere())).orElseThrow();

    List<EventOriginal> firstPage = executions.originals(run, EventId.FIRST, 5);
    List<EventOriginal> rest = executions.originals(run, EventId.of(6), 5);
    StoredRun older = new StoredRun(ID, WS_A, run.run(), 3, true);

    assertTrue(run.originalsKept());
    assertEquals(originals(history.subList(0, 5)), firstPage);
    assertEquals(originals(history.subList(5, 7)), rest);
    assertEquals(originals(history.subList(1, 3)), executions.originals(older, EventId.of(2), 10));
  }

  @Test
  void givenARunWithAnEventWithoutOriginal_whenItsSummaryIsRead_thenItHasNotKeptItsOriginals() {
    List<HistoryEvent> history = new ArrayList<>(withOriginals(runningHistory(3)));
    save(start(ID, WS_A, history));
    WorkflowExecution loaded = forAppend(ID, 4);
    assertEquals(SaveOutcome.SAVED, store(loaded, 3, appended(loaded.append(others(4, 4)))));

    assertFalse(
        single(executions.version(ID, Optional.empty(), Visibility.everywhere()))
            .orElseThrow()
            .originalsKept());
  }

  /** The events, each with an original of its own. */
  protected static List<HistoryEvent> withOriginals(List<HistoryEvent> events) {
    return events.stream().map(Events::withOriginal).toList();
  }

  private static List<EventOriginal> originals(List<HistoryEvent> events) {
    return events.stream().map(event -> event.header().original()).toList();
  }

  @Test
  void givenAnExecutionCreatedByAnotherWriter_whenCreatedAgain_thenVersionConflictAndNothingChanges() {
    save(start(ID, WS_A, runningHistory(2)));
    WorkflowExecution rival = start(ID, WS_A, runningHistory(4));

    assertEquals(SaveOutcome.VERSION_CONFLICT, store(rival, 0, rival.history()));

    WorkflowExecution found = find(ID);
    assertEquals(WS_A, found.workspace());
    assertEquals(runningHistory(2), found.history());
  }

  @Test
  void givenAStaleVersion_whenAppending_thenVersionConflictAndNothingIsStored() {
    save(start(ID, WS_A, runningHistory(2)));
    WorkflowExecution first = find(ID);
    WorkflowExecution second = find(ID);
    assertEquals(SaveOutcome.SAVED, store(first, 2, appended(first.append(others(3, 4)))));
    List<HistoryEvent> late = appended(second.append(others(3, 6)));

    assertEquals(SaveOutcome.VERSION_CONFLICT, store(second, 2, late));

    assertEquals(runningHistory(4), find(ID).history());
  }

  @Test
  void givenStoredEvents_whenTheyAreAppendedAgainAtTheirOldVersion_thenNoDuplicateIsStored() {
    save(start(ID, WS_A, runningHistory(4)));
    WorkflowExecution stale = WorkflowExecution.restore(ID, WS_A, runningHistory(2));
    List<HistoryEvent> again = appended(stale.append(others(3, 4)));

    assertEquals(SaveOutcome.VERSION_CONFLICT, store(stale, 2, again));

    assertEquals(runningHistory(4), find(ID).history());
  }

  @Test
  void givenStoredEvents_whenAResentBatchIsJudgedOnFreshState_thenItIsAllDuplicates() {
    save(start(ID, WS_A, runningHistory(4)));

    AppendOutcome outcome = find(ID).append(others(2, 4));

    assertEquals(new AppendOutcome.Appended(List.of(), 3), outcome);
    assertEquals(OptionalLong.of(4), versionOf(ID, Visibility.everywhere()));
  }

  @Test
  void givenABatchThatDoesNotContinueTheExpectedVersion_whenAppending_thenItIsRefusedUnstored() {
    save(start(ID, WS_A, runningHistory(2)));
    WorkflowExecution loaded = find(ID);

    assertThrows(IllegalArgumentException.class, () -> store(loaded, 2, others(4, 5)));
    assertThrows(IllegalArgumentException.class, () -> store(loaded, 2, others(2, 3)));
    assertThrows(IllegalArgumentException.class, () -> store(loaded, 2, List.of()));

    assertEquals(runningHistory(2), find(ID).history());
  }

  @Test
  void givenAGapInABatch_whenTheLoadedExecutionJudgesIt_thenItIsRejectedAndNothingIsStored() {
    save(start(ID, WS_A, runningHistory(2)));

    AppendOutcome outcome = find(ID).append(others(4, 5));

    assertEquals(
        new BatchRejection.Gap(
            dev.wfx.domain.history.EventId.of(4), dev.wfx.domain.history.EventId.of(3)),
        assertInstanceOf(AppendOutcome.Rejected.class, outcome).rejection());
    assertEquals(OptionalLong.of(2), versionOf(ID, Visibility.everywhere()));
  }

  @Test
  void givenAClosedExecution_whenLoaded_thenItIsClosedAndRefusesFurtherEvents() {
    List<HistoryEvent> history = new ArrayList<>(runningHistory(2));
    history.add(Events.completed(3, Payload.json("{\"ok\":true}")));
    save(start(ID, WS_A, history));

    WorkflowExecution found = find(ID);

    assertEquals(ExecutionStatus.COMPLETED, found.status());
    assertEquals(Optional.of(Events.T0.plusSeconds(3)), found.closeTime());
    AppendOutcome outcome = found.append(others(4, 4));
    assertInstanceOf(
        BatchRejection.AfterClose.class,
        assertInstanceOf(AppendOutcome.Rejected.class, outcome).rejection());
    assertEquals(OptionalLong.of(3), versionOf(ID, Visibility.everywhere()));
  }

  @Test
  void givenAHistoryAppendedInSeveralBatches_whenLoaded_thenItsEventsComeInIdOrder() {
    save(start(ID, WS_A, runningHistory(1)));
    for (long[] batch : new long[][] {{2, 2}, {3, 9}, {10, 10}, {11, 30}}) {
      WorkflowExecution loaded = find(ID);
      long version = loaded.historyLength();
      List<HistoryEvent> added = appended(loaded.append(others(batch[0], batch[1])));
      assertEquals(SaveOutcome.SAVED, store(loaded, version, added));
    }

    assertEquals(runningHistory(30), find(ID).history());
  }

  @Test
  void givenSeveralExecutions_whenEachIsLoaded_thenItHoldsOnlyItsOwnHistory() {
    ExecutionId other = ExecutionId.of("order-43");
    save(start(ID, WS_A, runningHistory(3)));
    save(start(other, WS_B, runningHistory(5)));

    assertEquals(runningHistory(3), find(ID).history());
    assertEquals(runningHistory(5), find(other).history());
    assertEquals(WS_B, find(other).workspace());
  }

  @Test
  void givenEveryKindOfEvent_whenStoredAndLoaded_thenEachComesBackEqual() {
    List<List<HistoryEvent>> histories =
        List.of(
            EventVariants.everyKindFullyPopulated(),
            EventVariants.startedWithNullComponents(),
            EventVariants.startedWithOtherTimeouts());
    for (int i = 0; i < histories.size(); i++) {
      ExecutionId id = ExecutionId.of("variants-" + i);
      WorkflowExecution execution = WorkflowExecution.restore(id, WS_A, histories.get(i));
      assertEquals(SaveOutcome.SAVED, store(execution, 0, histories.get(i)));
    }

    for (int i = 0; i < histories.size(); i++) {
      List<HistoryEvent> expected = histories.get(i);
      List<HistoryEvent> loaded = find(ExecutionId.of("variants-" + i)).history();
      assertEquals(expected.size(), loaded.size());
      for (int e = 0; e < expected.size(); e++) {
        assertEquals(expected.get(e), loaded.get(e), "history " + i + ", event " + (e + 1));
      }
    }
  }

  @Test
  void givenEventTimesAtTheEdgesOfTheYears0001To9999_whenStoredAndLoaded_thenEachComesBackExactly() {
    // The first instant, the last Julian day and the first Gregorian one, the last instant.
    List<Instant> times =
        List.of(
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("1582-10-04T23:59:59.123456789Z"),
            Instant.parse("1582-10-15T00:00:00.000000001Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"));
    List<HistoryEvent> history = new ArrayList<>();
    WorkflowStarted started = Events.started();
    history.add(
        new WorkflowStarted(
            at(started.header(), times.getFirst()),
            started.workflowType(),
            started.taskQueue(),
            started.originalExecutionRunId(),
            started.firstExecutionRunId(),
            started.firstWorkflowTaskBackoff(),
            started.workflowExecutionTimeout(),
            started.parentWorkflowId(),
            started.input(),
            started.runArgs()));
    for (int i = 1; i < times.size(); i++) {
      Other other = Events.other(i + 1);
      history.add(new Other(at(other.header(), times.get(i)), other.attributes()));
    }
    save(WorkflowExecution.restore(ID, WS_A, history));

    assertEquals(times, find(ID).history().stream().map(HistoryEvent::time).toList());
  }

  private static EventHeader at(EventHeader header, Instant time) {
    return new EventHeader(header.id(), header.type(), time, header.taskId(), header.fingerprint());
  }

  @Test
  void givenAStoredExecution_whenLoaded_thenItsSummaryMatchesTheOneThatWasSaved() {
    WorkflowExecution saved =
        WorkflowExecution.restore(ID, WS_A, EventVariants.everyKindFullyPopulated());
    save(saved);

    WorkflowExecution found = find(ID);

    assertEquals(ExecutionStatus.FAILED, found.status());
    assertEquals(RunId.of("reset-run"), found.runId());
    assertEquals(saved.closeTime(), found.closeTime());
    assertEquals(saved.executionTime(), found.executionTime());
    assertEquals(Optional.of("wf-parent:exec-1"), found.parentWorkflowId());
  }

  @Test
  void givenTenThousandEventsInOneBatch_whenLoaded_thenAllComeBackInOrder() {
    save(start(ID, WS_A, runningHistory(LARGE_HISTORY)));

    WorkflowExecution found = find(ID);

    assertEquals(LARGE_HISTORY, found.historyLength());
    assertEquals(runningHistory(LARGE_HISTORY), found.history());
  }

  @Test
  void givenTenThousandEventsInManyBatches_whenLoaded_thenAllComeBackInOrder() {
    save(start(ID, WS_A, runningHistory(1)));
    int batch = 1_000;
    for (long from = 2; from <= LARGE_HISTORY; from += batch) {
      WorkflowExecution loaded = find(ID);
      List<HistoryEvent> added =
          appended(loaded.append(others(from, Math.min(from + batch - 1, LARGE_HISTORY))));
      assertEquals(SaveOutcome.SAVED, store(loaded, from - 1, added));
    }

    assertEquals(runningHistory(LARGE_HISTORY), find(ID).history());
  }

  /**
   * Writers that each send overlapping windows of one history, as retrying clients do: whatever
   * interleaving, every event is stored once, in order, and each call ends saved, duplicate or
   * conflict.
   */
  @Test
  void givenManyWritersOfOverlappingBatches_whenTheyAppendAtOnce_thenTheHistoryIsTheirContiguousUnion()
      throws Exception {
    int writers = 8;
    int window = 20;
    int step = 10;
    int length = 401;
    save(start(ID, WS_A, runningHistory(1)));
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<int[]>> tasks = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      tasks.add(
          () -> {
            go.await();
            // saved, duplicates-only, conflicts
            int[] outcomes = new int[3];
            for (long from = 2; from <= length; from += step) {
              List<HistoryEvent> batch = others(from, Math.min(from + window - 1, length));
              while (true) {
                WorkflowExecution loaded = find(ID);
                long version = loaded.historyLength();
                List<HistoryEvent> added = appended(loaded.append(batch));
                if (added.isEmpty()) {
                  outcomes[1]++;
                  break;
                }
                SaveOutcome saved = store(loaded, version, added);
                if (saved.equals(SaveOutcome.SAVED)) {
                  outcomes[0]++;
                  break;
                }
                outcomes[2]++;
              }
            }
            return outcomes;
          });
    }
    int[] totals = new int[3];
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<int[]>> futures = new ArrayList<>();
      for (Callable<int[]> task : tasks) {
        futures.add(pool.submit(task));
      }
      go.countDown();
      for (Future<int[]> future : futures) {
        int[] outcomes = future.get();
        for (int i = 0; i < totals.length; i++) {
          totals[i] += outcomes[i];
        }
      }
    }

    assertEquals(runningHistory(length), find(ID).history());
    assertEquals(OptionalLong.of(length), versionOf(ID, Visibility.everywhere()));
    int batchesPerWriter = (length - 2) / step + 1;
    assertEquals(writers * batchesPerWriter, totals[0] + totals[1]);
    assertTrue(totals[0] >= batchesPerWriter / 2, "at least every other window was new once");
  }

  @Test
  void givenManyWritersCreatingOneExecution_whenTheyAppendAtOnce_thenOneSavesAndTheOthersConflict()
      throws Exception {
    int writers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<SaveOutcome>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int w = 0; w < writers; w++) {
        WorkflowExecution execution = start(ID, WS_A, runningHistory(5));
        outcomes.add(
            pool.submit(
                () -> {
                  go.await();
                  return store(execution, 0, execution.history());
                }));
      }
      go.countDown();
      int saved = 0;
      for (Future<SaveOutcome> outcome : outcomes) {
        saved += outcome.get().equals(SaveOutcome.SAVED) ? 1 : 0;
      }
      assertEquals(1, saved);
    }

    assertEquals(runningHistory(5), find(ID).history());
  }

  @Test
  void givenAStoredHistory_whenFoundForAppendFromItsNextEvent_thenTheBatchIsJudgedAndSavedOnIt() {
    save(start(ID, WS_A, runningHistory(6)));
    WorkflowExecution loaded = forAppend(ID, 7);

    assertEquals(6, loaded.historyLength());
    assertEquals(ExecutionStatus.RUNNING, loaded.status());
    assertEquals(RunId.of("run-1"), loaded.runId());
    assertEquals(runningHistory(1).getFirst(), loaded.startedEvent());
    List<HistoryEvent> added = appended(loaded.append(others(7, 9)));
    assertEquals(SaveOutcome.SAVED, store(loaded, 6, added));

    assertEquals(runningHistory(9), find(ID).history());
  }

  @Test
  void givenStoredEvents_whenFoundForAppendFromAnOverlap_thenSameOnesAreDuplicatesAndOthersConflict() {
    save(start(ID, WS_A, runningHistory(6)));

    assertEquals(
        new AppendOutcome.Appended(others(7, 8), 2), forAppend(ID, 5).append(others(5, 8)));
    List<HistoryEvent> changed = new ArrayList<>(others(5, 5));
    changed.add(Events.other(6, "changed"));
    assertEquals(
        new AppendOutcome.Rejected(new BatchRejection.Conflict(EventId.of(6), EventId.of(7))),
        forAppend(ID, 5).append(changed));
    assertEquals(
        new AppendOutcome.Rejected(new BatchRejection.Gap(EventId.of(9), EventId.of(7))),
        forAppend(ID, 9).append(others(9, 9)));
  }

  @Test
  void givenAClosedExecution_whenFoundForAppend_thenItIsClosedAndRefusesFurtherEvents() {
    List<HistoryEvent> history = new ArrayList<>(runningHistory(2));
    history.add(Events.completed(3, Payload.json("{\"ok\":true}")));
    save(start(ID, WS_A, history));

    WorkflowExecution found = forAppend(ID, 4);

    assertEquals(ExecutionStatus.COMPLETED, found.status());
    assertEquals(Optional.of(Events.T0.plusSeconds(3)), found.closeTime());
    assertEquals(
        new AppendOutcome.Rejected(
            new BatchRejection.AfterClose(EventId.of(4), EventId.of(3), EventId.of(4))),
        found.append(others(4, 4)));
  }

  @Test
  void givenAResetRun_whenFoundForAppendAfterTheReset_thenItKeepsTheNewRunId() {
    List<HistoryEvent> history = new ArrayList<>(runningHistory(2));
    history.add(Events.workflowTaskFailed(3, WorkflowTaskFailed.RESET_CAUSE, "run-2"));
    history.addAll(others(4, 6));
    save(start(ID, WS_A, history));

    assertEquals(RunId.of("run-2"), forAppend(ID, 7).runId());
  }

  @Test
  void givenAnExecutionInOneWorkspace_whenFoundForAppendWithinAnother_thenItIsNotThere() {
    save(start(ID, WS_A, runningHistory(2)));

    assertTrue(executions.findForAppend(ID, WS_B, Optional.empty(), EventId.of(3)).isEmpty());
    assertTrue(executions.findForAppend(ID, WS_A, Optional.empty(), EventId.of(3)).isPresent());
    assertTrue(
        executions.findForAppend(ExecutionId.of("other"), WS_A, Optional.empty(), EventId.FIRST)
            .isEmpty());
  }

  @Test
  void givenBatchesAppendedWithTheirEntries_whenTheTrailIsRead_thenEachEntryIsThere() {
    WorkflowExecution started = start(ID, WS_A, runningHistory(2));
    WriteAudit created = AuditEntries.creating(started);
    assertEquals(SaveOutcome.SAVED, executions.append(started, 0, started.history(), created));
    WorkflowExecution loaded = find(ID);
    List<HistoryEvent> added = appended(loaded.append(others(2, 4)));
    WriteAudit next =
        WriteAudit.accepted(AT.plusSeconds(1), WRITER, ID, WS_A, others(2, 4), false, 2, 1);

    assertEquals(SaveOutcome.SAVED, executions.append(loaded, 2, added, next));

    assertEquals(List.of(next, created), auditTrail.latest(Optional.of(ID), 10));
  }

  @Test
  void givenARaceLost_whenAppending_thenTheLoserLeavesNoEntry() {
    save(start(ID, WS_A, runningHistory(2)));
    WorkflowExecution first = find(ID);
    WorkflowExecution second = find(ID);
    assertEquals(SaveOutcome.SAVED, store(first, 2, appended(first.append(others(3, 3)))));
    WorkflowExecution rival = start(ID, WS_A, runningHistory(1));

    assertEquals(
        SaveOutcome.VERSION_CONFLICT, store(second, 2, appended(second.append(others(3, 4)))));
    assertEquals(SaveOutcome.VERSION_CONFLICT, store(rival, 0, rival.history()));

    assertEquals(
        List.of(WriteOutcome.APPENDED, WriteOutcome.CREATED),
        auditTrail.latest(Optional.of(ID), 10).stream().map(WriteAudit::outcome).toList());
  }

  @Test
  void givenATrailThatRefusesTheEntry_whenANewExecutionIsAppended_thenNothingOfItIsStored() {
    refuseAuditEntries();
    WorkflowExecution started = start(ID, WS_A, runningHistory(3));

    assertThrows(RuntimeException.class, () -> store(started, 0, started.history()));

    assertEquals(Optional.empty(), found(ID, Visibility.everywhere()));
    assertEquals(OptionalLong.empty(), versionOf(ID, Visibility.everywhere()));
  }

  @Test
  void givenATrailThatRefusesTheEntry_whenABatchIsAppended_thenNeitherEventsNorVersionChange() {
    save(start(ID, WS_A, runningHistory(2)));
    WorkflowExecution loaded = find(ID);
    List<HistoryEvent> added = appended(loaded.append(others(3, 5)));
    refuseAuditEntries();

    assertThrows(RuntimeException.class, () -> store(loaded, 2, added));

    assertEquals(runningHistory(2), find(ID).history());
    assertEquals(OptionalLong.of(2), versionOf(ID, Visibility.everywhere()));
    assertEquals(ExecutionStatus.RUNNING, find(ID).status());
  }

  @Test
  void givenAnEntryThatIsNotTheBatchs_whenAppending_thenItIsRefusedUnstored() {
    WorkflowExecution started = start(ID, WS_A, runningHistory(2));
    WriteAudit otherExecution =
        WriteAudit.accepted(
            AT, WRITER, ExecutionId.of("order-43"), WS_A, started.history(), true, 2, 0);
    WriteAudit refusal =
        WriteAudit.refused(
            AT, WRITER, ID, WS_A, started.history(), WriteOutcome.CONFLICT, "a conflict");

    assertThrows(
        IllegalArgumentException.class,
        () -> executions.append(started, 0, started.history(), otherExecution));
    assertThrows(
        IllegalArgumentException.class,
        () -> executions.append(started, 0, started.history(), refusal));

    assertEquals(OptionalLong.empty(), versionOf(ID, Visibility.everywhere()));
    assertEquals(List.of(), auditTrail.latest(Optional.empty(), 10));
  }

  private WorkflowExecution forAppend(ExecutionId id, long from) {
    return executions.findForAppend(id, WS_A, Optional.empty(), EventId.of(from)).orElseThrow();
  }

  private WorkflowExecution find(ExecutionId id) {
    return found(id, Visibility.everywhere()).orElseThrow();
  }

  /** The latest run, if there is one where the visibility looks, and no more than one. */
  private Optional<WorkflowExecution> found(ExecutionId id, Visibility visibility) {
    return single(executions.find(id, Optional.empty(), visibility));
  }

  private OptionalLong versionOf(ExecutionId id, Visibility visibility) {
    return single(executions.version(id, Optional.empty(), visibility))
        .map(run -> OptionalLong.of(run.version()))
        .orElseGet(OptionalLong::empty);
  }

  private static <T> Optional<T> single(Lookup<T> lookup) {
    return Lookups.single(lookup);
  }

  private void save(WorkflowExecution started) {
    assertEquals(SaveOutcome.SAVED, store(started, 0, started.history()));
  }

  /** Appends the events with the entry a writer would give them: all new. */
  private SaveOutcome store(
      WorkflowExecution execution, long expectedVersion, List<HistoryEvent> newEvents) {
    return executions.append(
        execution,
        expectedVersion,
        newEvents,
        AuditEntries.of(execution, expectedVersion, newEvents));
  }

  private static WorkflowExecution start(
      ExecutionId id, WorkspaceId workspace, List<HistoryEvent> firstBatch) {
    return assertInstanceOf(
            StartOutcome.Started.class,
            WorkflowExecution.start(id, workspace, Optional.empty(), firstBatch))
        .execution();
  }

  private static List<HistoryEvent> appended(AppendOutcome outcome) {
    return assertInstanceOf(AppendOutcome.Appended.class, outcome).added();
  }
}
