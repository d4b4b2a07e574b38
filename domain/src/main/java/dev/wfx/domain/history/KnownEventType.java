package dev.wfx.domain.history;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Temporal event types that the document can show (spec §6.1) plus the few it reads. */
public enum KnownEventType {
  WORKFLOW_EXECUTION_STARTED(true),
  WORKFLOW_EXECUTION_COMPLETED(true),
  WORKFLOW_EXECUTION_FAILED(true),
  WORKFLOW_EXECUTION_TERMINATED(true),
  WORKFLOW_EXECUTION_CANCELED(true),
  WORKFLOW_EXECUTION_CONTINUED_AS_NEW(true),
  WORKFLOW_EXECUTION_TIMED_OUT(true),
  ACTIVITY_TASK_SCHEDULED(true),
  ACTIVITY_TASK_STARTED(true),
  ACTIVITY_TASK_COMPLETED(true),
  ACTIVITY_TASK_FAILED(true),
  ACTIVITY_TASK_TIMED_OUT(true),
  ACTIVITY_TASK_CANCELED(true),
  START_CHILD_WORKFLOW_EXECUTION_INITIATED(true),
  CHILD_WORKFLOW_EXECUTION_STARTED(true),
  CHILD_WORKFLOW_EXECUTION_COMPLETED(true),
  CHILD_WORKFLOW_EXECUTION_FAILED(true),
  CHILD_WORKFLOW_EXECUTION_CANCELED(true),
  CHILD_WORKFLOW_EXECUTION_TERMINATED(true),
  CHILD_WORKFLOW_EXECUTION_TIMED_OUT(true),
  WORKFLOW_EXECUTION_SIGNALED(true),
  WORKFLOW_EXECUTION_UPDATE_ACCEPTED(true),
  WORKFLOW_EXECUTION_UPDATE_REJECTED(true),
  WORKFLOW_EXECUTION_UPDATE_COMPLETED(true),
  /** Hidden, but a reset changes the run id (spec §2.1). */
  WORKFLOW_TASK_FAILED(false);

  private static final Map<String, KnownEventType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(Enum::name, Function.identity()));

  private final boolean visible;

  KnownEventType(boolean visible) {
    this.visible = visible;
  }

  public boolean isVisible() {
    return visible;
  }

  public static Optional<KnownEventType> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
