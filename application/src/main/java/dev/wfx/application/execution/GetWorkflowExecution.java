package dev.wfx.application.execution;

import dev.wfx.domain.access.Role;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.view.ExecutionDocument;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Use case: read one run of a workflow execution as the document clients see. */
public interface GetWorkflowExecution {

  Result get(Query query);

  /**
   * @param workspace the workspace the caller asked for, if any; it must be one the caller may use
   * @param run the run asked for; empty for the latest run (the one started last)
   */
  record Query(ExecutionId id, Role caller, Optional<WorkspaceId> workspace, Optional<RunId> run) {
    public Query {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(run, "run");
    }

    /** The latest run. */
    public Query(ExecutionId id, Role caller, Optional<WorkspaceId> workspace) {
      this(id, caller, workspace, Optional.empty());
    }
  }

  /**
   * Found, not found (missing and invisible are the same answer on purpose, spec §5), or — for an
   * admin who named no workspace — found in several workspaces, which the caller must choose from.
   */
  sealed interface Result {
    /**
     * @param workspace the run's own workspace, which never changes, so that a reader may keep the
     *     document and still check each later caller's visibility
     */
    record Found(ExecutionDocument document, WorkspaceId workspace) implements Result {
      public Found {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(workspace, "workspace");
      }
    }

    record NotFound() implements Result {}

    /** The execution id exists in each of these workspaces; the caller must name one. */
    record InSeveralWorkspaces(List<WorkspaceId> workspaces) implements Result {
      public InSeveralWorkspaces {
        workspaces = List.copyOf(workspaces);
      }
    }
  }
}
