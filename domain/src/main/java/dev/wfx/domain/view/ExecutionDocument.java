package dev.wfx.domain.view;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The WorkflowExecution document of spec §2.1, in the domain's terms; adapters only encode it.
 *
 * @param closeTime null while running
 * @param parentWorkflowId null for a run without parent
 * @param interactionStates in the order the interactions were first scheduled
 */
public record ExecutionDocument(
    ExecutionId id,
    String runId,
    Instant startTime,
    Instant executionTime,
    Instant closeTime,
    ExecutionStatus status,
    String workflowType,
    String taskQueue,
    long historyLength,
    String parentWorkflowId,
    List<DocumentEvent> events,
    Map<String, InteractionState> interactionStates) {

  public ExecutionDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(executionTime, "executionTime");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(workflowType, "workflowType");
    Objects.requireNonNull(taskQueue, "taskQueue");
    events = List.copyOf(events);
    interactionStates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interactionStates));
  }
}
