package dev.wfx.application.execution;

import dev.wfx.application.execution.GetWorkflowExecution.Query;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;

/**
 * Use case: the current version (history length) of one run of a workflow execution as the caller
 * may see it, without reading its history, so that a reader can tell whether what it holds is
 * current.
 */
public interface GetExecutionVersion {

  Result version(Query query);

  /** The run's summary, not found, or the id in several workspaces (as {@link GetWorkflowExecution}). */
  sealed interface Result {
    record Current(StoredRun run) implements Result {
      public Current {
        Objects.requireNonNull(run, "run");
      }

      public long version() {
        return run.version();
      }
    }

    record NotFound() implements Result {}

    record InSeveralWorkspaces(List<WorkspaceId> workspaces) implements Result {
      public InSeveralWorkspaces {
        workspaces = List.copyOf(workspaces);
      }
    }
  }
}
