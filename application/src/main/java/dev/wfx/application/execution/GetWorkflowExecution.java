package dev.wfx.application.execution;

import dev.wfx.domain.access.Role;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WorkspaceId;
import dev.wfx.domain.view.ExecutionDocument;
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
    record Found(ExecutionDocument document) implements Result {
      public Found {
        Objects.requireNonNull(document, "document");
      }
    }

    record NotFound() implements Result {}
  }
}
