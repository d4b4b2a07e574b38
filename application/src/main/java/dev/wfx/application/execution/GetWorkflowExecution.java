package dev.wfx.application.execution;

import dev.wfx.domain.access.Role;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.view.ExecutionDocument;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/** Use case: read one workflow execution as the document clients see. */
public interface GetWorkflowExecution {

  Result get(Query query);

  /**
   * @param workspace the workspace the caller asked for, if any; it must be one the caller may use
   */
  record Query(ExecutionId id, Role caller, Optional<WorkspaceId> workspace) {
    public Query {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(workspace, "workspace");
    }
  }

  /** Found, or not found: missing and invisible are the same answer on purpose (spec §5). */
  sealed interface Result {
    /**
     * @param workspace the execution's own workspace, which never changes, so that a reader may
     *     keep the document and still check each later caller's visibility
     */
    record Found(ExecutionDocument document, WorkspaceId workspace) implements Result {
      public Found {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(workspace, "workspace");
      }
    }

    record NotFound() implements Result {}
  }
}
