package dev.wfx.application.execution;

import dev.wfx.domain.access.Role;
import dev.wfx.domain.execution.AppendOutcome;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.StartOutcome;
import dev.wfx.domain.execution.Visibility;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WorkspaceId;
import dev.wfx.domain.history.EventId;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads the execution, lets the aggregate judge the batch and stores what it accepted with an
 * optimistic version check; a lost race is retried on fresh state, where the batch then shows up
 * as duplicates or a conflict.
 */
public final class RecordHistoryService implements RecordHistory {

  static final int MAX_ATTEMPTS = 8;

  private final Executions executions;

  public RecordHistoryService(Executions executions) {
    this.executions = Objects.requireNonNull(executions, "executions");
  }

  @Override
  public Outcome record(Command command) {
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
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<Outcome> outcome = tryOnce(command);
      if (outcome.isPresent()) {
        return outcome.get();
      }
    }
    return new Outcome.Contended(MAX_ATTEMPTS);
  }

  /** One optimistic attempt; empty when another writer changed the execution meanwhile. */
  private Optional<Outcome> tryOnce(Command command) {
    // Only the stored events the batch overlaps are loaded; an empty batch is refused whatever.
    EventId from = command.batch().isEmpty() ? EventId.FIRST : command.batch().getFirst().id();
    Optional<WorkflowExecution> stored =
        executions.findForAppend(command.id(), Visibility.everywhere(), from);
    if (stored.isEmpty()) {
      return create(command);
    }
    WorkflowExecution execution = stored.get();
    boolean visible =
        command.workspace().map(execution.workspace()::equals).orElse(true)
            && command.caller().role().mayUse(execution.workspace());
    if (!visible) {
      return Optional.of(new Outcome.NotFound());
    }
    long expectedVersion = execution.historyLength();
    return switch (execution.append(command.batch())) {
      case AppendOutcome.Rejected rejected ->
          Optional.of(new Outcome.Rejected(rejected.rejection()));
      case AppendOutcome.Appended appended when appended.added().isEmpty() ->
          Optional.of(recorded(execution, false, 0, appended.duplicates()));
      case AppendOutcome.Appended appended ->
          switch (executions.append(execution, expectedVersion, appended.added())) {
            case SaveOutcome.Saved saved ->
                Optional.of(
                    recorded(execution, false, appended.added().size(), appended.duplicates()));
            case SaveOutcome.VersionConflict conflict -> Optional.empty();
          };
    };
  }

  private Optional<Outcome> create(Command command) {
    WorkspaceId workspace = command.workspace().orElse(command.caller().role().workspaceId());
    return switch (WorkflowExecution.start(command.id(), workspace, command.batch())) {
      case StartOutcome.Rejected rejected -> Optional.of(new Outcome.Rejected(rejected.rejection()));
      case StartOutcome.Started started ->
          switch (executions.append(started.execution(), 0, command.batch())) {
            case SaveOutcome.Saved saved ->
                Optional.of(recorded(started.execution(), true, command.batch().size(), 0));
            case SaveOutcome.VersionConflict conflict -> Optional.empty();
          };
    };
  }

  private static Outcome recorded(
      WorkflowExecution execution, boolean created, int appended, int duplicates) {
    return new Outcome.Recorded(
        execution.id(),
        execution.workspace(),
        created,
        execution.historyLength(),
        execution.status(),
        appended,
        duplicates);
  }
}
