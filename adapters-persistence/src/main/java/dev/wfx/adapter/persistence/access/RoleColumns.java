package dev.wfx.adapter.persistence.access;

import dev.wfx.adapter.persistence.database.Sql;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.dbclient.DbRow;

/**
 * A role as its columns are stored, in {@code api_keys} and in {@code audit_writes} alike:
 * {@code role_type}, the workspace, {@code user_id}, {@code access_level}, {@code service_id}.
 */
public final class RoleColumns {

  private RoleColumns() {}

  /** The role of a row; {@code workspaceColumn} names the column of its workspace. */
  public static Role read(DbRow row, String workspaceColumn) {
    return new Role(
        RoleType.valueOf(row.column("role_type").get(String.class)),
        WorkspaceId.of(row.column(workspaceColumn).get(String.class)),
        Sql.text(row.column("user_id")),
        ((Number) row.column("access_level").get()).intValue(),
        Sql.text(row.column("service_id")));
  }
}
