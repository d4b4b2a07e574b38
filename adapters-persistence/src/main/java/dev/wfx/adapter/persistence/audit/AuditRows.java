package dev.wfx.adapter.persistence.audit;

import dev.wfx.adapter.persistence.database.Sql;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.execution.WriteAudit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The {@code audit_writes} row of an entry, inserted by the trail on its own and by an append
 * within the append's transaction, with one statement.
 */
public final class AuditRows {

  static final String INSERT =
      "INSERT INTO audit_writes (at, key_id, role_type, role_workspace, user_id, access_level,"
          + " service_id, execution_id, workspace_id, first_event_id, last_event_id, batch_size,"
          + " appended, duplicates, outcome, detail, run_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private AuditRows() {}

  /** Inserts the entry on the connection, within whatever transaction it has open. */
  public static void insert(Connection connection, WriteAudit entry) throws SQLException {
    Object[] values = values(entry);
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (int i = 0; i < values.length; i++) {
        insert.setObject(i + 1, values[i]);
      }
      insert.executeUpdate();
    }
  }

  /** The values of {@link #INSERT}'s parameters, in order. */
  static Object[] values(WriteAudit entry) {
    Role role = entry.caller().role();
    return new Object[] {
      Sql.timestamp(entry.at()),
      entry.caller().keyId().value(),
      role.type().name(),
      role.workspaceId().value(),
      role.userId(),
      role.accessLevel(),
      role.serviceId(),
      entry.executionId().value(),
      entry.workspace().value(),
      entry.firstEventId() == null ? null : entry.firstEventId().value(),
      entry.lastEventId() == null ? null : entry.lastEventId().value(),
      entry.batchSize(),
      entry.appended(),
      entry.duplicates(),
      entry.outcome().name(),
      entry.detail(),
      entry.run() == null ? null : entry.run().value()
    };
  }
}
