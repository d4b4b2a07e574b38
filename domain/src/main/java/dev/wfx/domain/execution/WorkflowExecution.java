package dev.wfx.domain.execution;

import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.HistoryEvent.WorkflowTaskFailed;
import dev.wfx.domain.history.KnownEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: one workflow execution and its append-only history, in one workspace.
 *
 * <p>{@link #append(List)} is the only way the history grows, and it keeps the recording rules of
 * spec §7: contiguous ids, identical re-sends as duplicates, nothing changed, nothing after close.
 */
public final class WorkflowExecution {

  private final ExecutionId id;
  private final WorkspaceId workspace;
  private final List<HistoryEvent> history;
  private final WorkflowStarted started;
  private String runId;
  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private HistoryEvent closingEvent;

  private WorkflowExecution(ExecutionId id, WorkspaceId workspace, List<HistoryEvent> history) {
    this.id = Objects.requireNonNull(id, "id");
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    this.started = (WorkflowStarted) history.getFirst();
    this.runId = started.startRunId();
    this.history = new ArrayList<>(history.size());
    history.forEach(this::record);
  }

  /** Opens a new execution with the first batch of its history, which must begin at event 1. */
  public static StartOutcome start(
      ExecutionId id, WorkspaceId workspace, List<HistoryEvent> firstBatch) {
    Optional<BatchRejection> rejection = shapeProblem(firstBatch, EventId.FIRST);
    if (rejection.isPresent()) {
      return new StartOutcome.Rejected(rejection.get());
    }
    HistoryEvent first = firstBatch.getFirst();
    if (!first.id().equals(EventId.FIRST)) {
      return new StartOutcome.Rejected(new BatchRejection.Gap(first.id(), EventId.FIRST));
    }
    if (!(first instanceof WorkflowStarted)) {
      return new StartOutcome.Rejected(new BatchRejection.NotStarted(first.id(), first.type()));
    }
    Optional<BatchRejection> afterClose = eventAfterClose(firstBatch);
    if (afterClose.isPresent()) {
      return new StartOutcome.Rejected(afterClose.get());
    }
    return new StartOutcome.Started(new WorkflowExecution(id, workspace, firstBatch));
  }

  /**
   * Rebuilds an execution from its stored history, which the store vouches for (it was accepted
   * by {@link #start} and {@link #append}).
   */
  public static WorkflowExecution restore(
      ExecutionId id, WorkspaceId workspace, List<HistoryEvent> history) {
    if (history.isEmpty() || !(history.getFirst() instanceof WorkflowStarted)) {
      throw new IllegalArgumentException(
          "a stored history opens with WORKFLOW_EXECUTION_STARTED; execution " + id);
    }
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).id().value() != i + 1) {
        throw new IllegalArgumentException(
            "a stored history is contiguous from 1; execution " + id + " has a gap at " + (i + 1));
      }
    }
    return new WorkflowExecution(id, workspace, history);
  }

  /**
   * Appends a batch: events already stored identically are skipped as duplicates, the rest must
   * continue the history without a gap and not follow its closing event. All or nothing.
   */
  public AppendOutcome append(List<HistoryEvent> batch) {
    EventId expected = nextEventId();
    Optional<BatchRejection> rejection = shapeProblem(batch, expected);
    if (rejection.isPresent()) {
      return new AppendOutcome.Rejected(rejection.get());
    }
    int duplicates = 0;
    List<HistoryEvent> added = new ArrayList<>();
    for (HistoryEvent event : batch) {
      long index = event.id().value() - 1;
      if (index < history.size()) {
        HistoryEvent stored = history.get((int) index);
        if (!stored.header().fingerprint().equals(event.header().fingerprint())) {
          return new AppendOutcome.Rejected(new BatchRejection.Conflict(event.id(), expected));
        }
        duplicates++;
      } else {
        added.add(event);
      }
    }
    if (!added.isEmpty()) {
      if (closingEvent != null) {
        return new AppendOutcome.Rejected(
            new BatchRejection.AfterClose(added.getFirst().id(), closingEvent.id(), expected));
      }
      Optional<BatchRejection> afterClose = eventAfterClose(added);
      if (afterClose.isPresent()) {
        return new AppendOutcome.Rejected(afterClose.get());
      }
      added.forEach(this::record);
    }
    return new AppendOutcome.Appended(added, duplicates);
  }

  /** Rules every batch must keep whatever is stored: not empty, contiguous, no gap ahead. */
  private static Optional<BatchRejection> shapeProblem(List<HistoryEvent> batch, EventId expected) {
    if (batch.isEmpty()) {
      return Optional.of(new BatchRejection.EmptyBatch());
    }
    HistoryEvent first = batch.getFirst();
    if (first.id().compareTo(expected) > 0) {
      return Optional.of(new BatchRejection.Gap(first.id(), expected));
    }
    EventId previous = null;
    for (HistoryEvent event : batch) {
      if (previous != null && !event.id().equals(previous.next())) {
        return Optional.of(new BatchRejection.Gap(event.id(), previous.next()));
      }
      if (event instanceof WorkflowStarted && !event.id().equals(EventId.FIRST)) {
        return Optional.of(new BatchRejection.MisplacedStart(event.id()));
      }
      previous = event.id();
    }
    return Optional.empty();
  }

  private static Optional<BatchRejection> eventAfterClose(List<HistoryEvent> events) {
    for (int i = 0; i < events.size() - 1; i++) {
      HistoryEvent event = events.get(i);
      if (ExecutionStatus.closedBy(event.type()).isPresent()) {
        HistoryEvent next = events.get(i + 1);
        return Optional.of(new BatchRejection.AfterClose(next.id(), event.id(), next.id()));
      }
    }
    return Optional.empty();
  }

  private void record(HistoryEvent event) {
    history.add(event);
    ExecutionStatus.closedBy(event.type())
        .ifPresent(
            closedAs -> {
              status = closedAs;
              closingEvent = event;
            });
    if (event instanceof WorkflowTaskFailed failed
        && failed.type().is(KnownEventType.WORKFLOW_TASK_FAILED)
        && failed.isReset()) {
      runId = failed.newRunId();
    }
  }

  public ExecutionId id() {
    return id;
  }

  public WorkspaceId workspace() {
    return workspace;
  }

  /** Every recorded event in id order, hidden ones included. */
  public List<HistoryEvent> history() {
    return Collections.unmodifiableList(history);
  }

  /** The number of recorded events (Temporal's own count); also the optimistic-lock version. */
  public long historyLength() {
    return history.size();
  }

  public EventId nextEventId() {
    return EventId.of(history.size() + 1L);
  }

  public WorkflowStarted startedEvent() {
    return started;
  }

  /** The run id: the new run id of the last reset, else the started event's (spec §2.1). */
  public String runId() {
    return runId;
  }

  public ExecutionStatus status() {
    return status;
  }

  public boolean isClosed() {
    return closingEvent != null;
  }

  public Instant startTime() {
    return started.time();
  }

  /** The start time plus the first workflow task backoff of cron and delayed starts. */
  public Instant executionTime() {
    return started.time().plus(started.firstWorkflowTaskBackoff());
  }

  public Optional<Instant> closeTime() {
    return Optional.ofNullable(closingEvent).map(HistoryEvent::time);
  }

  public String workflowType() {
    return started.workflowType();
  }

  public String taskQueue() {
    return started.taskQueue();
  }

  public Optional<String> parentWorkflowId() {
    return Optional.ofNullable(started.parentWorkflowId());
  }
}
