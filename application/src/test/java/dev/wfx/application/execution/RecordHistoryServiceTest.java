package dev.wfx.application.execution;

import static dev.wfx.domain.testing.Events.others;
import static dev.wfx.domain.testing.Events.runningHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.application.execution.RecordHistory.Command;
import dev.wfx.application.execution.RecordHistory.Outcome;
import dev.wfx.application.testing.AuditEntries;
import dev.wfx.application.testing.InMemoryAuditTrail;
import dev.wfx.application.testing.InMemoryExecutions;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.execution.BatchRejection;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.StoreUnavailable;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.WorkflowTaskFailed;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.testing.Events;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RecordHistoryServiceTest {

  private static final ExecutionId ID = ExecutionId.of("order-42");
  private static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  private static final WorkspaceId WS_B = WorkspaceId.of("ws-b");
  private static final Caller SERVICE_A =
      caller("servicea", new Role(RoleType.SERVICE, WS_A, null, Role.MEMBER, "svc"));
  private static final Caller SERVICE_B =
      caller("serviceb", new Role(RoleType.SERVICE, WS_B, null, Role.MEMBER, "svc"));
  private static final Caller USER_A =
      caller("usera123", new Role(RoleType.USER, WS_A, "u1", Role.MEMBER, null));
  private static final Caller ADMIN_B =
      caller("adminb12", new Role(RoleType.USER, WS_B, "root", Role.ADMIN, null));

  private static final RunId RUN_1 = RunId.of("run-1");

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
  private final InMemoryExecutions executions = new InMemoryExecutions(trail);
  private final RecordHistory recordHistory = new RecordHistoryService(executions, trail, CLOCK);

  private static Caller caller(String keyId, Role role) {
    return new Caller(new ApiKeyId(keyId), role);
  }

  private Outcome record(Caller caller, Optional<WorkspaceId> workspace, List<HistoryEvent> batch) {
    return recordHistory.record(new Command(ID, workspace, batch, caller));
  }

  @Test
  void givenNoExecution_whenAServiceRecordsTheFirstBatch_thenTheExecutionIsCreatedInItsWorkspace() {
    Outcome outcome = record(SERVICE_A, Optional.empty(), runningHistory(3));

    assertEquals(new Outcome.Recorded(ID, WS_A, RUN_1, true, 3, ExecutionStatus.RUNNING, 3, 0), outcome);
    assertTrue(versionOf(Visibility.within(WS_A)).isPresent());
    assertTrue(versionOf(Visibility.within(WS_B)).isEmpty());
  }

  @Test
  void givenAnExecution_whenTheNextBatchOverlapsIt_thenOnlyNewEventsAreAppended() {
    record(SERVICE_A, Optional.empty(), runningHistory(3));

    Outcome outcome =
        record(
            SERVICE_A,
            Optional.of(WS_A),
            List.of(Events.other(3), Events.other(4), Events.completed(5, Payload.ABSENT)));

    assertEquals(new Outcome.Recorded(ID, WS_A, RUN_1, false, 5, ExecutionStatus.COMPLETED, 2, 1), outcome);
    assertEquals(OptionalLong.of(5), versionOf(Visibility.everywhere()));
  }

  @Test
  void givenAnExecution_whenTheSameBatchIsSentAgain_thenEverythingIsADuplicate() {
    record(SERVICE_A, Optional.empty(), runningHistory(3));

    Outcome outcome = record(SERVICE_A, Optional.empty(), runningHistory(3));

    assertEquals(new Outcome.Recorded(ID, WS_A, RUN_1, false, 3, ExecutionStatus.RUNNING, 0, 3), outcome);
  }

  @Test
  void givenAnExecution_whenABatchLeavesAGap_thenItIsRejectedAndNothingIsStored() {
    record(SERVICE_A, Optional.empty(), runningHistory(3));

    Outcome outcome = record(SERVICE_A, Optional.empty(), others(5, 6));

    var rejected = assertInstanceOf(Outcome.Rejected.class, outcome);
    assertInstanceOf(BatchRejection.Gap.class, rejected.rejection());
    assertEquals(OptionalLong.of(3), versionOf(Visibility.everywhere()));
  }

  @Test
  void givenNoExecution_whenTheFirstBatchDoesNotStartAtOne_thenItIsRejected() {
    Outcome outcome = record(SERVICE_A, Optional.empty(), others(2, 3));

    assertEquals(
        new Outcome.Rejected(
            new BatchRejection.Gap(
                dev.wfx.domain.history.EventId.of(2), dev.wfx.domain.history.EventId.FIRST)),
        outcome);
    assertEquals(OptionalLong.empty(), versionOf(Visibility.everywhere()));
  }

  @Test
  void givenAUserKey_whenItRecords_thenItIsForbidden() {
    Outcome outcome = record(USER_A, Optional.empty(), runningHistory(1));

    assertInstanceOf(Outcome.Forbidden.class, outcome);
    assertEquals(OptionalLong.empty(), versionOf(Visibility.everywhere()));
  }

  @Test
  void givenAServiceKey_whenItNamesAnotherWorkspace_thenItIsForbidden() {
    Outcome outcome = record(SERVICE_A, Optional.of(WS_B), runningHistory(1));

    assertInstanceOf(Outcome.Forbidden.class, outcome);
  }

  @Test
  void givenAnExecutionInAnotherWorkspace_whenAServiceWritesTheSameId_thenOnlyItsOwnWorkspaceCounts() {
    record(SERVICE_A, Optional.empty(), runningHistory(2));

    Outcome continuation = record(SERVICE_B, Optional.empty(), others(3, 3));
    Outcome unknown =
        recordHistory.record(
            new Command(ExecutionId.of("order-43"), Optional.empty(), others(3, 3), SERVICE_B));
    Outcome created = record(SERVICE_B, Optional.empty(), runningHistory(4));

    assertEquals(
        new Outcome.Rejected(new BatchRejection.Gap(EventId.of(3), EventId.FIRST)), continuation);
    assertEquals(continuation, unknown);
    assertEquals(
        new Outcome.Recorded(ID, WS_B, RUN_1, true, 4, ExecutionStatus.RUNNING, 4, 0), created);
    assertEquals(OptionalLong.of(2), versionOf(Visibility.within(WS_A)));
    assertEquals(OptionalLong.of(4), versionOf(Visibility.within(WS_B)));
  }

  @Test
  void givenAnIdInTwoWorkspaces_whenAnAdminWritesWithoutNamingOne_thenItMustNameOne() {
    record(SERVICE_A, Optional.empty(), runningHistory(2));
    record(SERVICE_B, Optional.empty(), runningHistory(2));

    Outcome outcome = record(ADMIN_B, Optional.empty(), others(3, 3));

    assertEquals(new Outcome.InSeveralWorkspaces(List.of(WS_A, WS_B)), outcome);
    assertEquals(WriteOutcome.CONFLICT, trail.latest(Optional.of(ID), 1).getFirst().outcome());
    assertEquals(
        new Outcome.Recorded(ID, WS_A, RUN_1, false, 3, ExecutionStatus.RUNNING, 1, 0),
        record(ADMIN_B, Optional.of(WS_A), others(3, 3)));
  }

  @Test
  void givenTwoRuns_whenABatchWithoutStartedEventComes_thenItContinuesTheLatestRun() {
    record(SERVICE_A, Optional.empty(), Events.runHistory("run-a", Events.T0, 2));
    record(SERVICE_A, Optional.empty(), Events.runHistory("run-b", Events.T0.plusSeconds(9), 2));

    Outcome outcome = record(SERVICE_A, Optional.empty(), others(3, 4));

    assertEquals(
        new Outcome.Recorded(ID, WS_A, RunId.of("run-b"), false, 4, ExecutionStatus.RUNNING, 2, 0),
        outcome);
    assertEquals(
        RunId.of("run-b"), trail.latest(Optional.of(ID), 1).getFirst().run());
  }

  @Test
  void givenTwoRuns_whenABatchNamesTheOlderRun_thenItContinuesThatRun() {
    record(SERVICE_A, Optional.empty(), Events.runHistory("run-a", Events.T0, 2));
    record(SERVICE_A, Optional.empty(), Events.runHistory("run-b", Events.T0.plusSeconds(9), 2));

    Outcome outcome =
        recordHistory.record(
            new Command(ID, Optional.empty(), Optional.of(RunId.of("run-a")), others(3, 5), SERVICE_A));

    assertEquals(
        new Outcome.Recorded(ID, WS_A, RunId.of("run-a"), false, 5, ExecutionStatus.RUNNING, 3, 0),
        outcome);
    assertEquals(OptionalLong.of(2), versionOf(Visibility.within(WS_A)));
  }

  @Test
  void givenAStoredRun_whenADifferentEventUnderAStoredIdOfThatRunComes_thenItIsAConflict() {
    record(SERVICE_A, Optional.empty(), Events.runHistory("run-a", Events.T0, 3));

    Outcome outcome =
        recordHistory.record(
            new Command(
                ID,
                Optional.empty(),
                Optional.of(RunId.of("run-a")),
                List.of(Events.other(3, "changed")),
                SERVICE_A));

    assertEquals(
        new Outcome.Rejected(new BatchRejection.Conflict(EventId.of(3), EventId.of(4))), outcome);
  }

  @Test
  void givenAResetRunSentWhole_whenRecorded_thenItIsFiledUnderTheResetsNewRunBesideTheOriginal() {
    record(SERVICE_A, Optional.empty(), runningHistory(3));
    List<HistoryEvent> reset = new java.util.ArrayList<>(runningHistory(2));
    reset.add(Events.workflowTaskFailed(3, WorkflowTaskFailed.RESET_CAUSE, "run-2"));

    Outcome outcome = record(SERVICE_A, Optional.empty(), reset);

    assertEquals(
        new Outcome.Recorded(ID, WS_A, RunId.of("run-2"), true, 3, ExecutionStatus.RUNNING, 3, 0),
        outcome);
  }

  @Test
  void givenAnExecutionInAnotherWorkspace_whenAnAdminAppends_thenItIsAppendedThere() {
    record(SERVICE_A, Optional.empty(), runningHistory(2));

    Outcome outcome = record(ADMIN_B, Optional.empty(), others(3, 3));

    assertEquals(new Outcome.Recorded(ID, WS_A, RUN_1, false, 3, ExecutionStatus.RUNNING, 1, 0), outcome);
    assertTrue(versionOf(Visibility.within(WS_A)).isPresent());
  }

  @Test
  void givenAnAdmin_whenItNamesAWorkspace_thenTheExecutionIsCreatedThere() {
    record(ADMIN_B, Optional.of(WS_A), runningHistory(1));

    assertTrue(versionOf(Visibility.within(WS_A)).isPresent());
  }

  @Test
  void givenARaceLostOnce_whenRecording_thenTheBatchIsJudgedAgainOnFreshState() {
    Executions racing = new LosesFirstRace(executions);
    RecordHistory service = new RecordHistoryService(racing, trail, CLOCK);
    record(SERVICE_A, Optional.empty(), runningHistory(2));

    Outcome outcome = service.record(new Command(ID, Optional.empty(), others(3, 4), SERVICE_A));

    // The rival stored event 3 first, so on the second attempt it is a duplicate.
    assertEquals(new Outcome.Recorded(ID, WS_A, RUN_1, false, 4, ExecutionStatus.RUNNING, 1, 1), outcome);
    List<WriteAudit> entries = trail.latest(Optional.of(ID), 10);
    assertEquals(
        List.of(SERVICE_A.keyId(), AuditEntries.WRITER.keyId(), SERVICE_A.keyId()),
        entries.stream().map(entry -> entry.caller().keyId()).toList(),
        "newest first: our retried batch once, the rival's, our first batch; the lost attempt left none");
    assertEquals(
        WriteAudit.accepted(NOW, SERVICE_A, ID, WS_A, others(3, 4), false, 1, 1).withRun(RUN_1),
        entries.getFirst());
  }

  @Test
  void givenAWriterThatAlwaysLoses_whenRecording_thenTheOutcomeSaysContendedAfterBoundedTries() {
    Executions alwaysLosing =
        new Executions() {
          @Override
          public Lookup<WorkflowExecution> find(
              ExecutionId id, Optional<RunId> run, Visibility visibility) {
            return executions.find(id, run, visibility);
          }

          @Override
          public Optional<WorkflowExecution> findForAppend(
              ExecutionId id, WorkspaceId workspace, Optional<RunId> run, EventId from) {
            return executions.findForAppend(id, workspace, run, from);
          }

          @Override
          public Lookup<StoredRun> version(
              ExecutionId id, Optional<RunId> run, Visibility visibility) {
            return executions.version(id, run, visibility);
          }

          @Override
          public List<EventOriginal> originals(StoredRun run, EventId from, int limit) {
            return executions.originals(run, from, limit);
          }

          @Override
          public SaveOutcome append(
              WorkflowExecution execution,
              long expectedVersion,
              List<HistoryEvent> newEvents,
              WriteAudit audit) {
            return SaveOutcome.VERSION_CONFLICT;
          }
        };

    Outcome outcome =
        new RecordHistoryService(alwaysLosing, trail, CLOCK)
            .record(new Command(ID, Optional.empty(), runningHistory(1), SERVICE_A));

    assertEquals(new Outcome.Contended(RecordHistoryService.MAX_ATTEMPTS), outcome);
    assertEquals(
        List.of(
            WriteAudit.refused(
                NOW,
                SERVICE_A,
                ID,
                WS_A,
                runningHistory(1),
                WriteOutcome.CONTENDED,
                "other writers kept changing the execution (8 attempts)")
            .withRun(RUN_1)),
        trail.latest(Optional.empty(), 10));
  }

  @Test
  void givenAcceptedBatches_whenRecorded_thenEachIsAuditedWithItsCallerRangeAndCounts() {
    record(SERVICE_A, Optional.empty(), runningHistory(3));
    record(ADMIN_B, Optional.empty(), others(3, 5));
    record(SERVICE_A, Optional.empty(), others(4, 5));

    assertEquals(
        List.of(
            new WriteAudit(
                NOW, SERVICE_A, ID, WS_A, EventId.of(4), EventId.of(5), 2, 0, 2, WriteOutcome.APPENDED, null)
                .withRun(RUN_1),
            new WriteAudit(
                NOW, ADMIN_B, ID, WS_A, EventId.of(3), EventId.of(5), 3, 2, 1, WriteOutcome.APPENDED, null)
                .withRun(RUN_1),
            new WriteAudit(
                NOW, SERVICE_A, ID, WS_A, EventId.of(1), EventId.of(3), 3, 3, 0, WriteOutcome.CREATED, null)
                .withRun(RUN_1)),
        trail.latest(Optional.empty(), 10));
  }

  @Test
  void givenRefusedBatches_whenRecorded_thenEachIsAuditedWithItsOutcomeAndReason() {
    record(SERVICE_A, Optional.empty(), runningHistory(2));

    Outcome gap = record(SERVICE_A, Optional.empty(), others(5, 6));
    record(SERVICE_B, Optional.empty(), others(3, 3));
    record(USER_A, Optional.empty(), others(3, 3));
    record(SERVICE_A, Optional.empty(), List.of());

    assertInstanceOf(Outcome.Rejected.class, gap);
    List<WriteAudit> latest = trail.latest(Optional.of(ID), 4);
    assertEquals(
        List.of(
            WriteOutcome.INVALID,
            WriteOutcome.FORBIDDEN,
            WriteOutcome.CONFLICT,
            WriteOutcome.CONFLICT),
        latest.stream().map(WriteAudit::outcome).toList());
    WriteAudit conflict = latest.getLast();
    assertEquals(SERVICE_A, conflict.caller());
    assertEquals(EventId.of(5), conflict.firstEventId());
    assertEquals(EventId.of(6), conflict.lastEventId());
    assertEquals(0, conflict.appended());
    assertEquals("event 5 leaves a gap: the expected next event id is 3", conflict.detail());
    assertEquals(WS_B, latest.get(2).workspace());
    assertEquals(null, latest.getFirst().firstEventId());
  }

  @Test
  void givenATrailThatRefusesEntries_whenABatchWouldBeAppended_thenNothingIsStoredAndTheCallerFails() {
    record(SERVICE_A, Optional.empty(), runningHistory(2));
    trail.refuseEntries();

    assertThrows(
        StoreUnavailable.class, () -> record(SERVICE_A, Optional.empty(), others(3, 4)));

    assertEquals(OptionalLong.of(2), versionOf(Visibility.everywhere()));
    assertEquals(1, trail.latest(Optional.empty(), 10).size());
  }

  @Test
  void givenATrailThatRefusesEntries_whenAnExecutionWouldBeCreated_thenItIsNot() {
    trail.refuseEntries();

    assertThrows(
        StoreUnavailable.class, () -> record(SERVICE_A, Optional.empty(), runningHistory(2)));

    assertEquals(OptionalLong.empty(), versionOf(Visibility.everywhere()));
  }

  private OptionalLong versionOf(Visibility visibility) {
    return switch (executions.version(ID, Optional.empty(), visibility)) {
      case Lookup.Found<StoredRun> found -> OptionalLong.of(found.value().version());
      case Lookup.NotFound<StoredRun> notFound -> OptionalLong.empty();
      case Lookup.InSeveralWorkspaces<StoredRun> several -> throw new AssertionError(several);
    };
  }

  /** Loses the first append to a concurrent writer that stores the same events first. */
  private static final class LosesFirstRace implements Executions {
    private final InMemoryExecutions delegate;
    private boolean lost;

    LosesFirstRace(InMemoryExecutions delegate) {
      this.delegate = delegate;
    }

    @Override
    public Lookup<WorkflowExecution> find(
        ExecutionId id, Optional<RunId> run, Visibility visibility) {
      return delegate.find(id, run, visibility);
    }

    @Override
    public Optional<WorkflowExecution> findForAppend(
        ExecutionId id, WorkspaceId workspace, Optional<RunId> run, EventId from) {
      return delegate.findForAppend(id, workspace, run, from);
    }

    @Override
    public Lookup<StoredRun> version(ExecutionId id, Optional<RunId> run, Visibility visibility) {
      return delegate.version(id, run, visibility);
    }

    @Override
    public List<EventOriginal> originals(StoredRun run, EventId from, int limit) {
      return delegate.originals(run, from, limit);
    }

    @Override
    public SaveOutcome append(
        WorkflowExecution execution,
        long expectedVersion,
        List<HistoryEvent> newEvents,
        WriteAudit audit) {
      if (!lost) {
        lost = true;
        List<HistoryEvent> rivals = newEvents.subList(0, 1);
        delegate.append(
            execution, expectedVersion, rivals, AuditEntries.of(execution, expectedVersion, rivals));
        return SaveOutcome.VERSION_CONFLICT;
      }
      return delegate.append(execution, expectedVersion, newEvents, audit);
    }
  }
}
