package dev.wfx.domain.execution;

import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.HistoryEvent.WorkflowTaskFailed;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: one run of a workflow execution and its append-only history, in one workspace.
 *
 * <p>{@link #append(List)} is the only way the history grows, and it keeps the recording rules of
 * spec §7: contiguous ids, identical re-sends as duplicates, nothing changed, nothing after close.
 */
public final class WorkflowExecution {

  private final ExecutionId id;
  private final WorkspaceId workspace;
  private final RunId run;
  private final WorkflowStarted started;
  // The events held, which are the whole history unless restored for appending: then the events
  // before the held tail (all but the started event) stay in the store, and only their count is
  // known here.
  private final long notHeld;
  private final List<HistoryEvent> history;
  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private HistoryEvent closingEvent;

  private WorkflowExecution(
      ExecutionId id, WorkspaceId workspace, RunId run, List<HistoryEvent> history) {
    this(id, workspace, run, (WorkflowStarted) history.getFirst(), 0, history);
  }

  private WorkflowExecution(
      ExecutionId id,
      WorkspaceId workspace,
      RunId run,
      WorkflowStarted started,
      long notHeld,
      List<HistoryEvent> held) {
    this.id = Objects.requireNonNull(id, "id");
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    this.run = Objects.requireNonNull(run, "run");
    this.started = started;
    this.notHeld = notHeld;
    this.history = new ArrayList<>(held.size());
    held.forEach(this::record);
  }

  /**
   * The run a batch of history names itself (spec §2.1): the new run id of its last reset, else the
   * run id of its started event; empty when it holds neither.
   */
  public static Optional<RunId> runNamedBy(List<HistoryEvent> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i) instanceof WorkflowTaskFailed failed
          && failed.type().is(KnownEventType.WORKFLOW_TASK_FAILED)
          && failed.isReset()) {
        return Optional.of(RunId.of(failed.newRunId()));
      }
    }
    return events.stream()
        .filter(WorkflowStarted.class::isInstance)
        .map(started -> RunId.of(((WorkflowStarted) started).startRunId()))
        .findFirst();
  }

  /**
   * Opens a new run of an execution with the first batch of its history, which must begin at event
   * 1. The run is filed under {@code named}, else under the run the batch names itself.
   */
  public static StartOutcome start(
      ExecutionId id, WorkspaceId workspace, Optional<RunId> named, List<HistoryEvent> firstBatch) {
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
    // A batch that opens with the started event names its run.
    RunId run = named.or(() -> runNamedBy(firstBatch)).orElseThrow();
    return new StartOutcome.Started(new WorkflowExecution(id, workspace, run, firstBatch));
  }

  /** Rebuilds a run from its stored history, filed under the run it names itself. */
  public static WorkflowExecution restore(
      ExecutionId id, WorkspaceId workspace, List<HistoryEvent> history) {
    return restore(
        id,
        workspace,
        runNamedBy(history)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "a stored history opens with WORKFLOW_EXECUTION_STARTED; execution " + id)),
        history);
  }

  /**
   * Rebuilds a run from its stored history, which the store vouches for (it was accepted by
   * {@link #start} and {@link #append}).
   */
  public static WorkflowExecution restore(
      ExecutionId id, WorkspaceId workspace, RunId run, List<HistoryEvent> history) {
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
    return new WorkflowExecution(id, workspace, run, history);
  }

  /**
   * Rebuilds a run for judging a batch without its whole history: the store vouches for the
   * history's length, and hands over its started event and the tail of its stored events from the batch's first id
   * on, but at least the last one, so that a closing event is always held. {@link #append} then
   * keeps every rule for a batch that begins within the tail or after it (one that begins before
   * it is the caller's bug); {@link #history()} is not available.
   */
  public static WorkflowExecution restoreForAppend(
      ExecutionId id,
      WorkspaceId workspace,
      RunId run,
      long historyLength,
      WorkflowStarted started,
      List<HistoryEvent> tail) {
    if (!started.id().equals(EventId.FIRST)) {
      throw new IllegalArgumentException("a started event is event 1; execution " + id);
    }
    List<HistoryEvent> held = tail;
    if (!tail.isEmpty() && tail.getFirst().id().equals(EventId.FIRST)) {
      held = tail.subList(1, tail.size());
    }
    long firstHeld = historyLength - held.size() + 1;
    if (historyLength < 1 || (historyLength > 1 && held.isEmpty())) {
      throw new IllegalArgumentException(
          "a stored tail ends with the last stored event; execution " + id);
    }
    for (int i = 0; i < held.size(); i++) {
      if (held.get(i).id().value() != firstHeld + i || held.get(i) instanceof WorkflowStarted) {
        throw new IllegalArgumentException(
            "a stored tail is contiguous up to the history's length; execution "
                + id
                + " has a gap at "
                + (firstHeld + i));
      }
    }
    if (firstHeld == 2) {
      List<HistoryEvent> whole = new ArrayList<>(held.size() + 1);
      whole.add(started);
      whole.addAll(held);
      return new WorkflowExecution(id, workspace, run, whole);
    }
    return new WorkflowExecution(id, workspace, run, started, firstHeld - 1, held);
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
    if (batch.getFirst().id().value() <= notHeld) {
      throw new IllegalStateException(
          "execution "
              + id
              + " was restored to judge batches from event "
              + (notHeld + 1)
              + " on, not from event "
              + batch.getFirst().id());
    }
    for (HistoryEvent event : batch) {
      long index = event.id().value() - 1 - notHeld;
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
  }

  public ExecutionId id() {
    return id;
  }

  public WorkspaceId workspace() {
    return workspace;
  }

  /**
   * Every recorded event in id order, hidden ones included.
   *
   * @throws IllegalStateException when restored for appending, which holds only the latest events
   */
  public List<HistoryEvent> history() {
    if (notHeld > 0) {
      throw new IllegalStateException(
          "execution " + id + " was restored for appending and holds only its latest events");
    }
    return Collections.unmodifiableList(history);
  }

  /** The number of recorded events (Temporal's own count); also the optimistic-lock version. */
  public long historyLength() {
    return notHeld + history.size();
  }

  public EventId nextEventId() {
    return EventId.of(historyLength() + 1L);
  }

  public WorkflowStarted startedEvent() {
    return started;
  }

  /**
   * The run id the history is filed under: the one its recorder named, else the one the history
   * names itself ({@link #runNamedBy}, spec §2.1).
   */
  public RunId runId() {
    return run;
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
