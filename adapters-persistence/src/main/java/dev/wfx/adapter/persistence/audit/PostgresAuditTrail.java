package dev.wfx.adapter.persistence.audit;

import dev.wfx.adapter.persistence.access.RoleColumns;
import dev.wfx.adapter.persistence.database.Sql;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Driven adapter: the {@link AuditTrail} port on PostgreSQL, one row per entry in {@code
 * audit_writes}, ordered by insertion.
 */
public final class PostgresAuditTrail implements AuditTrail {

  private static final String SELECT =
      "SELECT at, key_id, role_type, role_workspace, user_id, access_level, service_id,"
          + " execution_id, workspace_id, first_event_id, last_event_id, batch_size, appended,"
          + " duplicates, outcome, detail, run_id FROM audit_writes";

  private static final int FORGET_SLICE_ROWS = 10_000;
  private static final String FORGET_SLICE =
      "DELETE FROM audit_writes WHERE seq IN"
          + " (SELECT seq FROM audit_writes WHERE at < ? ORDER BY at LIMIT ?)";

  private final DbClient db;

  public PostgresAuditTrail(DbClient db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void record(WriteAudit entry) {
    Sql.guarded("record a write in the audit trail", () -> insert(entry));
  }

  private long insert(WriteAudit entry) {
    return db.execute().insert(AuditRows.INSERT, AuditRows.values(entry));
  }

  @Override
  public List<WriteAudit> latest(Optional<ExecutionId> execution, int limit) {
    return Sql.guarded("read the audit trail", () -> query(execution, limit));
  }

  private List<WriteAudit> query(Optional<ExecutionId> execution, int limit) {
    Stream<DbRow> rows =
        execution.isPresent()
            ? db.execute()
                .query(
                    SELECT + " WHERE execution_id = ? ORDER BY seq DESC LIMIT ?",
                    execution.get().value(),
                    limit)
            : db.execute().query(SELECT + " ORDER BY seq DESC LIMIT ?", limit);
    try (rows) {
      return rows.map(PostgresAuditTrail::entry).toList();
    }
  }

  /**
   * Deletes in slices, each its own statement, so that a trail grown large is pruned without one
   * statement running past the statement timeout or holding many locks.
   */
  @Override
  public long forgetBefore(Instant cutoff) {
    long forgotten = 0;
    long slice;
    do {
      slice =
          Sql.guarded(
              "forget old entries of the audit trail",
              () -> db.execute().delete(FORGET_SLICE, Sql.timestamp(cutoff), FORGET_SLICE_ROWS));
      forgotten += slice;
    } while (slice == FORGET_SLICE_ROWS);
    return forgotten;
  }

  private static WriteAudit entry(DbRow row) {
    Role role = RoleColumns.read(row, "role_workspace");
    Long first = Sql.number(row.column("first_event_id"));
    Long last = Sql.number(row.column("last_event_id"));
    String run = Sql.text(row.column("run_id"));
    return new WriteAudit(
        Sql.instant(row.column("at")),
        new Caller(new ApiKeyId(row.column("key_id").get(String.class)), role),
        ExecutionId.of(row.column("execution_id").get(String.class)),
        WorkspaceId.of(row.column("workspace_id").get(String.class)),
        first == null ? null : EventId.of(first),
        last == null ? null : EventId.of(last),
        ((Number) row.column("batch_size").get()).intValue(),
        ((Number) row.column("appended").get()).intValue(),
        ((Number) row.column("duplicates").get()).intValue(),
        WriteOutcome.valueOf(row.column("outcome").get(String.class)),
        Sql.text(row.column("detail")),
        run == null ? null : RunId.of(run));
  }
}
