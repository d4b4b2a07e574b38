package dev.wfx.application.testing;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Test fixture: the {@link Executions} port held in memory, with the same optimistic-version
 * semantics as the real store. Each find returns a fresh aggregate, as a database would. Appends
 * write their audit entries to the trail given, first, so that a refused entry stores nothing.
 */
public final class InMemoryExecutions implements Executions {

  /** One stored run; {@code seq} orders runs started at the same time, as the store's key does. */
  private record Stored(
      long seq, ExecutionId id, WorkspaceId workspace, RunId run, List<HistoryEvent> history) {

    WorkflowExecution restore() {
      return WorkflowExecution.restore(id, workspace, run, history);
    }
  }

  private static final Comparator<Stored> LATEST_FIRST =
      Comparator.comparing((Stored stored) -> stored.history().getFirst().time())
          .thenComparingLong(Stored::seq)
          .reversed();

  private final List<Stored> runs = new ArrayList<>();
  private final InMemoryAuditTrail auditTrail;
  private long nextSeq = 1;

  public InMemoryExecutions(InMemoryAuditTrail auditTrail) {
    this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
  }

  @Override
  public synchronized Lookup<WorkflowExecution> find(
      ExecutionId id, Optional<RunId> run, Visibility visibility) {
    return lookup(id, run, visibility).map(Stored::restore);
  }

  @Override
  public synchronized Optional<WorkflowExecution> findForAppend(
      ExecutionId id, WorkspaceId workspace, Optional<RunId> run, EventId from) {
    return latest(id, workspace, run)
        .map(
            stored -> {
              List<HistoryEvent> history = stored.history();
              int tailFrom = (int) Math.min(from.value(), history.size()) - 1;
              return WorkflowExecution.restoreForAppend(
                  id,
                  workspace,
                  stored.run(),
                  history.size(),
                  stored.restore().startedEvent(),
                  List.copyOf(history.subList(tailFrom, history.size())));
            });
  }

  @Override
  public synchronized Lookup<StoredRun> version(
      ExecutionId id, Optional<RunId> run, Visibility visibility) {
    return lookup(id, run, visibility)
        .map(
            stored ->
                new StoredRun(
                    id,
                    stored.workspace(),
                    stored.run(),
                    stored.history().size(),
                    stored.history().stream().allMatch(event -> event.header().original() != null)));
  }

  @Override
  public synchronized List<EventOriginal> originals(StoredRun run, EventId from, int limit) {
    Stored stored =
        latest(run.id(), run.workspace(), Optional.of(run.run()))
            .orElseThrow(() -> new IllegalArgumentException("no such run: " + run));
    return stored.history().stream()
        .filter(event -> event.id().compareTo(from) >= 0 && event.id().value() <= run.version())
        .limit(limit)
        .map(
            event ->
                Objects.requireNonNull(
                    event.header().original(), "event " + event.id() + " has no original"))
        .toList();
  }

  @Override
  public synchronized SaveOutcome append(
      WorkflowExecution execution,
      long expectedVersion,
      List<HistoryEvent> newEvents,
      WriteAudit audit) {
    requireContinuation(expectedVersion, newEvents);
    requireEntryOf(execution, audit);
    Optional<Stored> stored =
        latest(execution.id(), execution.workspace(), Optional.of(execution.runId()));
    long version = stored.map(run -> (long) run.history().size()).orElse(0L);
    if (version != expectedVersion) {
      return SaveOutcome.VERSION_CONFLICT;
    }
    auditTrail.record(audit);
    if (stored.isPresent()) {
      stored.get().history().addAll(newEvents);
    } else {
      runs.add(
          new Stored(
              nextSeq++,
              execution.id(),
              execution.workspace(),
              execution.runId(),
              new ArrayList<>(newEvents)));
    }
    return SaveOutcome.SAVED;
  }

  /** The run asked for (or the latest) in each visible workspace that has the id. */
  private Lookup<Stored> lookup(ExecutionId id, Optional<RunId> run, Visibility visibility) {
    TreeMap<String, Stored> byWorkspace = new TreeMap<>();
    runs.stream()
        .filter(stored -> stored.id().equals(id) && visibility.includes(stored.workspace()))
        .filter(stored -> run.map(stored.run()::equals).orElse(true))
        .sorted(LATEST_FIRST)
        .forEach(stored -> byWorkspace.putIfAbsent(stored.workspace().value(), stored));
    if (byWorkspace.isEmpty()) {
      return new Lookup.NotFound<>();
    }
    if (byWorkspace.size() > 1) {
      return new Lookup.InSeveralWorkspaces<>(
          byWorkspace.values().stream().map(Stored::workspace).toList());
    }
    return new Lookup.Found<>(byWorkspace.firstEntry().getValue());
  }

  private Optional<Stored> latest(ExecutionId id, WorkspaceId workspace, Optional<RunId> run) {
    return runs.stream()
        .filter(stored -> stored.id().equals(id) && stored.workspace().equals(workspace))
        .filter(stored -> run.map(stored.run()::equals).orElse(true))
        .sorted(LATEST_FIRST)
        .findFirst();
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
