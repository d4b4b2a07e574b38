package dev.wfx.domain.access;

import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/**
 * The actor behind a request, as Tracecat's Role: a user or a service in a workspace, with an
 * access level (0 member, 999 admin who sees every workspace) (spec §5).
 *
 * @param userId null for services
 * @param serviceId null for users
 */
public record Role(
    RoleType type, WorkspaceId workspaceId, String userId, int accessLevel, String serviceId) {

  public static final int MEMBER = 0;
  public static final int ADMIN = 999;

  public Role {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(workspaceId, "workspaceId");
    if (accessLevel != MEMBER && accessLevel != ADMIN) {
      throw new IllegalArgumentException("access level is 0 (member) or 999 (admin)");
    }
  }

  public boolean isAdmin() {
    return accessLevel == ADMIN;
  }

  /** Admins may record anywhere, services in their workspace; users read only. */
  public boolean mayRecordHistories() {
    return isAdmin() || type == RoleType.SERVICE;
  }

  /** Whether the role may act within that workspace. */
  public boolean mayUse(WorkspaceId workspace) {
    return isAdmin() || workspaceId.equals(workspace);
  }

  /**
   * What the role sees: with a requested workspace, that one (if the role may use it); without,
   * its own workspace, or everything for an admin.
   */
  public Optional<Visibility> visibility(Optional<WorkspaceId> requested) {
    if (requested.isPresent()) {
      return mayUse(requested.get())
          ? Optional.of(Visibility.within(requested.get()))
          : Optional.empty();
    }
    return Optional.of(isAdmin() ? Visibility.everywhere() : Visibility.within(workspaceId));
  }
}
