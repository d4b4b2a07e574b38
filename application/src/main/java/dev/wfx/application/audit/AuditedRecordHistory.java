package dev.wfx.application.audit;

import dev.wfx.application.execution.RecordHistory;
import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.audit.WriteAudit;
import dev.wfx.domain.audit.WriteOutcome;
import dev.wfx.domain.execution.BatchRejection;
import dev.wfx.domain.execution.WorkspaceId;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.HistoryEvent;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Decorator of {@link RecordHistory}: every outcome, accepted or refused, becomes an entry of the
 * audit trail.
 *
 * <p>The entry is written after the batch's own transaction: should the trail fail, the caller gets
 * the failure and retries, and the retry, seen as duplicates, is audited then; a write is never
 * answered as done without its entry.
 */
public final class AuditedRecordHistory implements RecordHistory {

  private final RecordHistory recordHistory;
  private final AuditTrail auditTrail;
  private final Clock clock;

  public AuditedRecordHistory(RecordHistory recordHistory, AuditTrail auditTrail, Clock clock) {
    this.recordHistory = Objects.requireNonNull(recordHistory, "recordHistory");
    this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Outcome record(Command command) {
    Outcome outcome = recordHistory.record(command);
    auditTrail.record(entry(command, outcome));
    return outcome;
  }

  private WriteAudit entry(Command command, Outcome outcome) {
    List<HistoryEvent> batch = command.batch();
    EventId first = batch.isEmpty() ? null : batch.getFirst().id();
    EventId last = batch.isEmpty() ? null : batch.getLast().id();
    WorkspaceId named = command.workspace().orElse(command.caller().role().workspaceId());
    return switch (outcome) {
      case Outcome.Recorded recorded ->
          new WriteAudit(
              clock.instant(),
              command.caller(),
              command.id(),
              recorded.workspace(),
              first,
              last,
              batch.size(),
              recorded.appended(),
              recorded.duplicates(),
              recorded.created() ? WriteOutcome.CREATED : WriteOutcome.APPENDED,
              null);
      case Outcome.Rejected rejected ->
          refused(command, named, first, last, kind(rejected.rejection()), rejected.rejection().reason());
      case Outcome.Forbidden forbidden ->
          refused(command, named, first, last, WriteOutcome.FORBIDDEN, forbidden.reason());
      case Outcome.NotFound notFound ->
          refused(
              command,
              named,
              first,
              last,
              WriteOutcome.NOT_FOUND,
              "the execution is in a workspace this key cannot see");
      case Outcome.Contended contended ->
          refused(
              command,
              named,
              first,
              last,
              WriteOutcome.CONTENDED,
              "other writers kept changing the execution (" + contended.attempts() + " attempts)");
    };
  }

  private WriteAudit refused(
      Command command,
      WorkspaceId workspace,
      EventId first,
      EventId last,
      WriteOutcome outcome,
      String detail) {
    return new WriteAudit(
        clock.instant(),
        command.caller(),
        command.id(),
        workspace,
        first,
        last,
        command.batch().size(),
        0,
        0,
        outcome,
        detail);
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
