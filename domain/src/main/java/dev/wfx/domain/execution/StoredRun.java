package dev.wfx.domain.execution;

import dev.wfx.domain.workspace.WorkspaceId;
import java.util.Objects;

/**
 * The summary of one stored run that needs no event: where it is, which run, its version.
 *
 * @param version the run's history length, which is also its optimistic-lock version
 * @param originalsKept whether every stored event of the run has its original (runs recorded
 *     before wfx kept originals have none)
 */
public record StoredRun(
    ExecutionId id, WorkspaceId workspace, RunId run, long version, boolean originalsKept) {

  public StoredRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(run, "run");
    if (version < 1) {
      throw new IllegalArgumentException("a stored run has at least one event");
    }
  }
}
