package dev.wfx.domain.workspace;

import java.util.Objects;

/** Value object: the workspaces a caller may see executions in (spec §5). */
public sealed interface Visibility {

  boolean includes(WorkspaceId workspace);

  /** An admin's view: every workspace. */
  record Everywhere() implements Visibility {
    @Override
    public boolean includes(WorkspaceId workspace) {
      return true;
    }
  }

  /** A member's view: one workspace. */
  record Within(WorkspaceId workspace) implements Visibility {
    public Within {
      Objects.requireNonNull(workspace, "workspace");
    }

    @Override
    public boolean includes(WorkspaceId other) {
      return workspace.equals(other);
    }
  }

  static Visibility everywhere() {
    return new Everywhere();
  }

  static Visibility within(WorkspaceId workspace) {
    return new Within(workspace);
  }
}
