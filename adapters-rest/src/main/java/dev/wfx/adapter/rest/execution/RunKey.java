package dev.wfx.adapter.rest.execution;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.Objects;

/** One stored run, by what names it: what renderings are held and tagged by. */
record RunKey(WorkspaceId workspace, ExecutionId id, RunId run) {

  RunKey {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(run, "run");
  }

  static RunKey of(StoredRun run) {
    return new RunKey(run.workspace(), run.id(), run.run());
  }
}
