package dev.wfx.application.execution;

import dev.wfx.application.execution.GetWorkflowExecution.Query;

/**
 * Use case: the current version (history length) of one workflow execution as the caller may see
 * it, without reading its history, so that a reader can tell whether what it holds is current.
 */
public interface GetExecutionVersion {

  Result version(Query query);

  /** The version, or not found: missing and invisible are the same answer on purpose (spec §5). */
  sealed interface Result {
    record Current(long version) implements Result {
      public Current {
        if (version < 1) {
          throw new IllegalArgumentException("a stored execution has at least one event");
        }
      }
    }

    record NotFound() implements Result {}
  }
}
