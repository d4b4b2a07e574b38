package dev.wfx.domain.execution;

import dev.wfx.domain.history.EventType;
import dev.wfx.domain.history.KnownEventType;
import java.util.Optional;

/** The status of a workflow execution: from its closing event, else RUNNING (spec §2.1). */
public enum ExecutionStatus {
  RUNNING(null),
  COMPLETED(KnownEventType.WORKFLOW_EXECUTION_COMPLETED),
  FAILED(KnownEventType.WORKFLOW_EXECUTION_FAILED),
  CANCELED(KnownEventType.WORKFLOW_EXECUTION_CANCELED),
  TERMINATED(KnownEventType.WORKFLOW_EXECUTION_TERMINATED),
  CONTINUED_AS_NEW(KnownEventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW),
  TIMED_OUT(KnownEventType.WORKFLOW_EXECUTION_TIMED_OUT);

  // values() copies its array on every call, and this is asked once or twice per recorded event.
  private static final ExecutionStatus[] ALL = values();

  private final KnownEventType closingEvent;

  ExecutionStatus(KnownEventType closingEvent) {
    this.closingEvent = closingEvent;
  }

  /** The status an event of this type closes the execution with; empty for non-closing events. */
  public static Optional<ExecutionStatus> closedBy(EventType type) {
    for (ExecutionStatus status : ALL) {
      if (status.closingEvent != null && type.is(status.closingEvent)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  public boolean isClosed() {
    return this != RUNNING;
  }
}
