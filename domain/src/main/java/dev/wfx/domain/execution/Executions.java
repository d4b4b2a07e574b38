package dev.wfx.domain.execution;

import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.Visibility;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Driven port: the stored workflow executions, each with its whole history. Every method throws
 * {@link StoreUnavailable} when the store cannot answer.
 */
public interface Executions {

  /** The execution with this id, if it exists in a workspace the visibility includes. */
  Optional<WorkflowExecution> find(ExecutionId id, Visibility visibility);

  /**
   * The execution with this id, if it exists in a workspace the visibility includes, restored to
   * judge a batch that begins at event {@code from} ({@link WorkflowExecution#restoreForAppend}):
   * its summary, its started event and its stored events from {@code from} on (at least the last),
   * so that appending costs what the batch overlaps, not the whole history.
   */
  Optional<WorkflowExecution> findForAppend(ExecutionId id, Visibility visibility, EventId from);

  /**
   * The version (history length) of the execution, if it exists in a visible workspace: a cheap
   * check that needs no event.
   */
  OptionalLong version(ExecutionId id, Visibility visibility);

  /**
   * Stores {@code newEvents}, the events that {@code execution} gained since it held {@code
   * expectedVersion} events (0: the execution is new), together with its new state and {@code
   * audit}, the audit trail's entry of the batch, atomically: all of it or nothing. When another
   * writer changed the execution first, nothing is stored, the entry neither.
   */
  SaveOutcome append(
      WorkflowExecution execution,
      long expectedVersion,
      List<HistoryEvent> newEvents,
      WriteAudit audit);
}
