package dev.wfx.domain.execution;

import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the stored workflow executions, each a set of runs with their whole histories, kept
 * apart by workspace: one execution id may exist in several workspaces, independently. Every method
 * throws {@link StoreUnavailable} when the store cannot answer.
 *
 * <p>A run is named by its run id, or left unnamed for the latest run: the one started last.
 */
public interface Executions {

  /**
   * The run of the execution, if it exists in a workspace the visibility includes; in several such
   * workspaces, which they are.
   */
  Lookup<WorkflowExecution> find(ExecutionId id, Optional<RunId> run, Visibility visibility);

  /**
   * The run of the execution restored to judge a batch that begins at event {@code from} ({@link
   * WorkflowExecution#restoreForAppend}): its summary, its started event and its stored events from
   * {@code from} on (at least the last), so that appending costs what the batch overlaps, not the
   * whole history.
   */
  Optional<WorkflowExecution> findForAppend(
      ExecutionId id, WorkspaceId workspace, Optional<RunId> run, EventId from);

  /** The summary of the run as {@link #find} would find it: a cheap check that needs no event. */
  Lookup<StoredRun> version(ExecutionId id, Optional<RunId> run, Visibility visibility);

  /**
   * The originals of the run's events from {@code from} on, in id order, at most {@code limit} and
   * none past the run's version as given: one page of an export, so that no export holds more
   * than a page, nor a connection while it writes. The run must have kept its originals ({@link
   * StoredRun#originalsKept()}).
   */
  List<EventOriginal> originals(StoredRun run, EventId from, int limit);

  /**
   * Stores {@code newEvents}, the events that {@code execution} (one run) gained since it held
   * {@code expectedVersion} events (0: the run is new), together with its new state and {@code
   * audit}, the audit trail's entry of the batch, atomically: all of it or nothing. When another
   * writer changed the run first, nothing is stored, the entry neither.
   */
  SaveOutcome append(
      WorkflowExecution execution,
      long expectedVersion,
      List<HistoryEvent> newEvents,
      WriteAudit audit);
}
