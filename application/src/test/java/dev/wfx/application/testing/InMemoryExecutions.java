package dev.wfx.application.testing;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Test fixture: the {@link Executions} port held in memory, with the same optimistic-version
 * semantics as the real store. Each find returns a fresh aggregate, as a database would. Appends
 * write their audit entries to the trail given, first, so that a refused entry stores nothing.
 */
public final class InMemoryExecutions implements Executions {

  private record Stored(WorkspaceId workspace, List<HistoryEvent> history) {}

  private final Map<ExecutionId, Stored> executions = new HashMap<>();
  private final InMemoryAuditTrail auditTrail;

  public InMemoryExecutions(InMemoryAuditTrail auditTrail) {
    this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
  }

  @Override
  public synchronized Optional<WorkflowExecution> find(ExecutionId id, Visibility visibility) {
    Stored stored = executions.get(id);
    if (stored == null || !visibility.includes(stored.workspace())) {
      return Optional.empty();
    }
    return Optional.of(WorkflowExecution.restore(id, stored.workspace(), stored.history()));
  }

  @Override
  public synchronized Optional<WorkflowExecution> findForAppend(
      ExecutionId id, Visibility visibility, EventId from) {
    Stored stored = executions.get(id);
    if (stored == null || !visibility.includes(stored.workspace())) {
      return Optional.empty();
    }
    List<HistoryEvent> history = stored.history();
    // Like the real store: the run id from the summary, the started event and the tail.
    WorkflowExecution whole = WorkflowExecution.restore(id, stored.workspace(), history);
    int tailFrom = (int) Math.min(from.value(), history.size()) - 1;
    return Optional.of(
        WorkflowExecution.restoreForAppend(
            id,
            stored.workspace(),
            history.size(),
            whole.runId(),
            whole.startedEvent(),
            List.copyOf(history.subList(tailFrom, history.size()))));
  }

  @Override
  public synchronized OptionalLong version(ExecutionId id, Visibility visibility) {
    Stored stored = executions.get(id);
    return stored == null || !visibility.includes(stored.workspace())
        ? OptionalLong.empty()
        : OptionalLong.of(stored.history().size());
  }

  @Override
  public synchronized SaveOutcome append(
      WorkflowExecution execution,
      long expectedVersion,
      List<HistoryEvent> newEvents,
      WriteAudit audit) {
    requireContinuation(expectedVersion, newEvents);
    requireEntryOf(execution, audit);
    Stored stored = executions.get(execution.id());
    long version = stored == null ? 0 : stored.history().size();
    if (version != expectedVersion) {
      return SaveOutcome.VERSION_CONFLICT;
    }
    auditTrail.record(audit);
    List<HistoryEvent> history = stored == null ? new ArrayList<>() : stored.history();
    history.addAll(newEvents);
    executions.put(execution.id(), new Stored(execution.workspace(), history));
    return SaveOutcome.SAVED;
  }

  /** Like the real store, refuses the entry of another execution's batch or of a refused one. */
  private static void requireEntryOf(WorkflowExecution execution, WriteAudit audit) {
    if (!audit.executionId().equals(execution.id()) || !audit.outcome().accepted()) {
      throw new IllegalArgumentException(
          "a " + audit.outcome() + " entry of " + audit.executionId()
              + " is not the entry of a batch stored in " + execution.id());
    }
  }

  /** Like the real store, refuses a batch that does not continue the expected version. */
  private static void requireContinuation(long expectedVersion, List<HistoryEvent> newEvents) {
    if (newEvents.isEmpty()) {
      throw new IllegalArgumentException("nothing to append");
    }
    for (int i = 0; i < newEvents.size(); i++) {
      if (newEvents.get(i).id().value() != expectedVersion + 1 + i) {
        throw new IllegalArgumentException(
            "event " + newEvents.get(i).id() + " does not continue version " + expectedVersion);
      }
    }
  }
}
