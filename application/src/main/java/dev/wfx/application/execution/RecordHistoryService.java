package dev.wfx.application.execution;

import dev.wfx.domain.access.Role;
import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.AppendOutcome;
import dev.wfx.domain.execution.BatchRejection;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.execution.StartOutcome;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads the run, lets the aggregate judge the batch and stores what it accepted with an optimistic
 * version check; a lost race is retried on fresh state, where the batch then shows up as
 * duplicates or a conflict.
 *
 * <p>A batch is judged within one workspace — the one named, else the caller's own; an admin who
 * names none writes where the execution id is, if it is in exactly one workspace — so that what
 * exists in other workspaces never changes the answer a member gets. Within it, the batch goes to
 * the run named, else the run the batch names itself, else the latest run.
 *
 * <p>Every outcome becomes an entry of the audit trail. A batch that adds events hands its entry
 * to the store with them, so both are stored in one transaction or neither is, and a lost race
 * leaves no entry behind. Every other outcome stores nothing, and its entry is written on its
 * own; should that fail, the caller gets the failure and nothing was stored by its request.
 */
public final class RecordHistoryService implements RecordHistory {

  static final int MAX_ATTEMPTS = 8;

  private final Executions executions;
  private final AuditTrail auditTrail;
  private final Clock clock;

  /**
   * @param auditTrail the trail that {@code executions} also writes the entries of stored batches
   *     to
   */
  public RecordHistoryService(Executions executions, AuditTrail auditTrail, Clock clock) {
    this.executions = Objects.requireNonNull(executions, "executions");
    this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Outcome record(Command command) {
    Outcome outcome = judgeAndStore(command);
    boolean auditedWithItsEvents =
        outcome instanceof Outcome.Recorded recorded && recorded.appended() > 0;
    if (!auditedWithItsEvents) {
      auditTrail.record(entry(command, outcome));
    }
    return outcome;
  }

  private Outcome judgeAndStore(Command command) {
    Role caller = command.caller().role();
    if (!caller.mayRecordHistories()) {
      return new Outcome.Forbidden(
          "recording histories needs a service key or an admin key; this key is a member's "
              + caller.type().wireName()
              + " key");
    }
    Optional<WorkspaceId> requested = command.workspace();
    if (requested.isPresent() && !caller.mayUse(requested.get())) {
      return new Outcome.Forbidden(
          "this key may not record histories in workspace " + requested.get());
    }
    WorkspaceId workspace;
    if (requested.isPresent()) {
      workspace = requested.get();
    } else if (!caller.isAdmin()) {
      workspace = caller.workspaceId();
    } else {
      switch (executions.version(command.id(), Optional.empty(), Visibility.everywhere())) {
        case Lookup.Found<StoredRun> found -> workspace = found.value().workspace();
        case Lookup.NotFound<StoredRun> notFound -> workspace = caller.workspaceId();
        case Lookup.InSeveralWorkspaces<StoredRun> several -> {
          return new Outcome.InSeveralWorkspaces(several.workspaces());
        }
      }
    }
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<Outcome> outcome = tryOnce(command, workspace);
      if (outcome.isPresent()) {
        return outcome.get();
      }
    }
    return new Outcome.Contended(MAX_ATTEMPTS);
  }

  /** One optimistic attempt; empty when another writer changed the run meanwhile. */
  private Optional<Outcome> tryOnce(Command command, WorkspaceId workspace) {
    // Only the stored events the batch overlaps are loaded; an empty batch is refused whatever.
    EventId from = command.batch().isEmpty() ? EventId.FIRST : command.batch().getFirst().id();
    Optional<RunId> run = runOf(command);
    Optional<WorkflowExecution> stored =
        executions.findForAppend(command.id(), workspace, run, from);
    if (stored.isEmpty()) {
      return create(command, workspace, run);
    }
    WorkflowExecution execution = stored.get();
    long expectedVersion = execution.historyLength();
    return switch (execution.append(command.batch())) {
      case AppendOutcome.Rejected rejected ->
          Optional.of(new Outcome.Rejected(rejected.rejection()));
      case AppendOutcome.Appended appended when appended.added().isEmpty() ->
          Optional.of(recorded(execution, false, 0, appended.duplicates()));
      case AppendOutcome.Appended appended ->
          store(
              command,
              execution,
              expectedVersion,
              appended.added(),
              recorded(execution, false, appended.added().size(), appended.duplicates()));
    };
  }

  /** The run named, else the one the batch names itself; empty for the latest. */
  private static Optional<RunId> runOf(Command command) {
    return command.run().or(() -> WorkflowExecution.runNamedBy(command.batch()));
  }

  private Optional<Outcome> create(Command command, WorkspaceId workspace, Optional<RunId> run) {
    return switch (WorkflowExecution.start(command.id(), workspace, run, command.batch())) {
      case StartOutcome.Rejected rejected -> Optional.of(new Outcome.Rejected(rejected.rejection()));
      case StartOutcome.Started started ->
          store(
              command,
              started.execution(),
              0,
              command.batch(),
              recorded(started.execution(), true, command.batch().size(), 0));
    };
  }

  /** Stores the new events with the batch's audit entry; empty when another writer was first. */
  private Optional<Outcome> store(
      Command command,
      WorkflowExecution execution,
      long expectedVersion,
      List<HistoryEvent> newEvents,
      Outcome.Recorded recorded) {
    return switch (executions.append(
        execution, expectedVersion, newEvents, entry(command, recorded))) {
      case SaveOutcome.Saved saved -> Optional.of(recorded);
      case SaveOutcome.VersionConflict conflict -> Optional.empty();
    };
  }

  private static Outcome.Recorded recorded(
      WorkflowExecution execution, boolean created, int appended, int duplicates) {
    return new Outcome.Recorded(
        execution.id(),
        execution.workspace(),
        execution.runId(),
        created,
        execution.historyLength(),
        execution.status(),
        appended,
        duplicates);
  }

  private WriteAudit entry(Command command, Outcome outcome) {
    // A refused batch is filed under the workspace the caller named, else its own.
    WorkspaceId named = command.workspace().orElse(command.caller().role().workspaceId());
    return switch (outcome) {
      case Outcome.Recorded recorded ->
          WriteAudit.accepted(
                  clock.instant(),
                  command.caller(),
                  command.id(),
                  recorded.workspace(),
                  command.batch(),
                  recorded.created(),
                  recorded.appended(),
                  recorded.duplicates())
              .withRun(recorded.run());
      case Outcome.Rejected rejected ->
          refused(command, named, kind(rejected.rejection()), rejected.rejection().reason());
      case Outcome.Forbidden forbidden ->
          refused(command, named, WriteOutcome.FORBIDDEN, forbidden.reason());
      case Outcome.InSeveralWorkspaces several ->
          refused(
              command,
              named,
              WriteOutcome.CONFLICT,
              "the execution id is in several workspaces "
                  + several.workspaces()
                  + "; the write names none");
      case Outcome.Contended contended ->
          refused(
              command,
              named,
              WriteOutcome.CONTENDED,
              "other writers kept changing the execution (" + contended.attempts() + " attempts)");
    };
  }

  private WriteAudit refused(
      Command command, WorkspaceId workspace, WriteOutcome outcome, String detail) {
    WriteAudit entry =
        WriteAudit.refused(
            clock.instant(),
            command.caller(),
            command.id(),
            workspace,
            command.batch(),
            outcome,
            detail);
    return runOf(command).map(entry::withRun).orElse(entry);
  }

  /** Rule breaks that depend on what is stored are conflicts; a batch wrong in itself is invalid. */
  private static WriteOutcome kind(BatchRejection rejection) {
    return switch (rejection) {
      case BatchRejection.Gap gap -> WriteOutcome.CONFLICT;
      case BatchRejection.Conflict conflict -> WriteOutcome.CONFLICT;
      case BatchRejection.AfterClose afterClose -> WriteOutcome.CONFLICT;
      case BatchRejection.EmptyBatch empty -> WriteOutcome.INVALID;
      case BatchRejection.NotStarted notStarted -> WriteOutcome.INVALID;
      case BatchRejection.MisplacedStart misplaced -> WriteOutcome.INVALID;
    };
  }
}
