package dev.wfx.domain.view;

import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.ActivityScheduled;
import dev.wfx.domain.history.HistoryEvent.UpdateCompleted;
import dev.wfx.domain.history.HistoryEvent.WorkflowSignaled;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.KnownEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Renders a workflow execution as the document of spec §2, by the rules of spec §6. */
public final class ExecutionDocuments {

  private ExecutionDocuments() {}

  /** One pass over the history, in order: groups and interactions only ever look back. */
  public static ExecutionDocument render(WorkflowExecution execution) {
    GroupLinker linker = new GroupLinker(execution.workflowType());
    InteractionStates interactions = new InteractionStates();
    List<DocumentEvent> events = new ArrayList<>();
    for (HistoryEvent event : execution.history()) {
      track(event, linker, interactions);
      GroupLinker.Link link = linker.link(event);
      Optional<KnownEventType> visibleType = event.type().known().filter(KnownEventType::isVisible);
      if (link.shown() && visibleType.isPresent()) {
        events.add(documentEvent(event, visibleType.get(), link.group()));
      }
    }
    return new ExecutionDocument(
        execution.id(),
        execution.runId().value(),
        execution.startTime(),
        execution.executionTime(),
        execution.closeTime().orElse(null),
        execution.status(),
        execution.workflowType(),
        execution.taskQueue(),
        execution.historyLength(),
        execution.parentWorkflowId().orElse(null),
        events,
        interactions.states());
  }

  /** Interactions are tracked whether or not the event is shown (spec §6.5). */
  private static void track(
      HistoryEvent event, GroupLinker linker, InteractionStates interactions) {
    switch (event) {
      case ActivityScheduled scheduled when scheduled.interaction() != null ->
          interactions.requested(scheduled.interaction());
      case WorkflowSignaled signaled when signaled.interaction() != null ->
          interactions.answered(signaled.interaction());
      case UpdateCompleted completed when completed.failure() == null ->
          linker
              .acceptedFor(completed)
              .map(accepted -> accepted.event().interaction())
              .ifPresent(interactions::answered);
      default -> {}
    }
  }

  private static DocumentEvent documentEvent(
      HistoryEvent event, KnownEventType type, EventGroup group) {
    WorkflowStarted started = event instanceof WorkflowStarted s ? s : null;
    return new DocumentEvent(
        event.id(),
        event.time(),
        type,
        event.taskId(),
        group,
        EventFacts.failure(event, type),
        EventFacts.result(event),
        EventFacts.role(event),
        started == null ? null : started.parentWorkflowId(),
        started == null ? null : WorkflowTimeouts.of(started));
  }
}
