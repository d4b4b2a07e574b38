package dev.wfx.adapter.persistence.migration;

import dev.wfx.domain.execution.ExecutionId;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Keys executions by workspace and run, keeps room for each event's original, and spells stored
 * execution ids canonically — one migration, since all three change the key of what is stored.
 *
 * <ul>
 *   <li>{@code executions} (one row per execution id) becomes {@code runs}: one row per run,
 *       unique by (workspace, execution id, run id), with a surrogate key that {@code
 *       history_events} references. The same execution id may so exist in several workspaces, and
 *       hold several runs in each.
 *   <li>{@code history_events} gains the event's original as Temporal recorded it ({@code
 *       original}, {@code original_format}); the events stored before have none, and their runs say
 *       so ({@code originals_kept}).
 *   <li>Tracecat ids stored with the other separator ({@code wf_X:exec_Y}, {@code wf-X/exec-Y}) move
 *       to the canonical one, in the audit trail too. Where both spellings hold the same run in one
 *       workspace, the run moved keeps its history under the run id {@code <run id>@<old
 *       spelling>}, so that nothing is lost and both stay readable; a warning names each.
 *   <li>{@code audit_writes} gains the run each write was filed under.
 * </ul>
 */
public final class V16__RunsKeyedByWorkspace extends BaseJavaMigration {

  private static final System.Logger LOG =
      System.getLogger(V16__RunsKeyedByWorkspace.class.getName());

  private static final String STATUS_CHECK =
      "CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'CANCELED', 'TERMINATED',"
          + " 'CONTINUED_AS_NEW', 'TIMED_OUT'))";

  private static final List<String> SCHEMA =
      List.of(
          """
          CREATE TABLE runs (
              seq                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              workspace_id       text        NOT NULL,
              execution_id       text        NOT NULL,
              run_id             text        NOT NULL,
              workflow_type      text        NOT NULL,
              task_queue         text        NOT NULL,
              status             text        NOT NULL %s,
              start_time         timestamptz NOT NULL,
              execution_time     timestamptz NOT NULL,
              close_time         timestamptz,
              history_length     bigint      NOT NULL CHECK (history_length >= 1),
              parent_workflow_id text,
              -- Whether every event of the run has its original: false for the runs stored before.
              originals_kept     boolean     NOT NULL,
              created_at         timestamptz NOT NULL DEFAULT now(),
              updated_at         timestamptz NOT NULL DEFAULT now(),
              CONSTRAINT runs_key UNIQUE (workspace_id, execution_id, run_id)
          )"""
              .formatted(STATUS_CHECK),
          """
          INSERT INTO runs (workspace_id, execution_id, run_id, workflow_type, task_queue, status,
                            start_time, execution_time, close_time, history_length,
                            parent_workflow_id, originals_kept, created_at, updated_at)
          SELECT workspace_id, id, run_id, workflow_type, task_queue, status, start_time,
                 execution_time, close_time, history_length, parent_workflow_id, false,
                 created_at, updated_at
          FROM executions
          ORDER BY created_at, id""",
          """
          CREATE TABLE history_events_of_runs (
              run_seq          bigint      NOT NULL REFERENCES runs (seq) ON DELETE CASCADE,
              event_id         bigint      NOT NULL CHECK (event_id >= 1),
              kind             text        NOT NULL,
              event_type       text        NOT NULL,
              event_time       timestamptz NOT NULL,
              event_time_nanos integer     NOT NULL CHECK (event_time_nanos BETWEEN 0 AND 999999999),
              task_id          bigint      NOT NULL,
              fingerprint      text        NOT NULL,
              payload          json,
              payload_encoding text,
              payload_size     bigint,
              attributes       json        NOT NULL,
              original         bytea,
              original_format  text        CHECK (original_format IN ('proto', 'json')),
              CONSTRAINT history_events_key PRIMARY KEY (run_seq, event_id),
              CHECK (payload IS NULL OR payload_encoding IS NULL),
              CHECK ((payload_encoding IS NULL) = (payload_size IS NULL)),
              CHECK ((original IS NULL) = (original_format IS NULL))
          )""",
          // Until the ids are respelled below, each old execution id is exactly one run.
          """
          INSERT INTO history_events_of_runs (run_seq, event_id, kind, event_type, event_time,
                                              event_time_nanos, task_id, fingerprint, payload,
                                              payload_encoding, payload_size, attributes)
          SELECT r.seq, h.event_id, h.kind, h.event_type, h.event_time, h.event_time_nanos,
                 h.task_id, h.fingerprint, h.payload, h.payload_encoding, h.payload_size,
                 h.attributes
          FROM history_events h JOIN runs r ON r.execution_id = h.execution_id""",
          "DROP TABLE history_events",
          "DROP TABLE executions",
          "ALTER TABLE history_events_of_runs RENAME TO history_events",
          // The latest run of an id, within a workspace or in each: the one started last.
          "CREATE INDEX runs_latest_idx ON runs (execution_id, workspace_id, start_time DESC, seq DESC)",
          "CREATE INDEX runs_workspace_start_idx ON runs (workspace_id, start_time DESC)",
          "CREATE INDEX runs_parent_idx ON runs (parent_workflow_id) WHERE parent_workflow_id IS NOT NULL",
          "ALTER TABLE audit_writes ADD COLUMN run_id text");

  private static final String NON_CANONICAL =
      "execution_id ~ '^wf_[0-9A-Za-z]{22}:' OR execution_id ~ '^wf-[0-9a-f]{32}/'";

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      for (String sql : SCHEMA) {
        statement.execute(sql);
      }
    }
    compressOriginals(connection);
    respellRuns(connection);
    respellAuditEntries(connection);
  }

  /**
   * Originals compress well and are read only for exports: lz4 is much faster than PostgreSQL's
   * default pglz. A server built without lz4 (or older than PostgreSQL 14) keeps its default; it is
   * asked first, since a refused ALTER would cost the connection.
   */
  private static void compressOriginals(Connection connection) throws SQLException {
    boolean lz4;
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
                    + " AND 'lz4' = ANY (enumvals)")) {
      lz4 = rows.next();
    }
    if (!lz4) {
      LOG.log(Level.INFO, "this PostgreSQL cannot compress with lz4; event originals use its default");
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE history_events ALTER COLUMN original SET COMPRESSION lz4");
    }
  }

  private record StoredRun(long seq, String workspace, String executionId, String runId) {}

  private static void respellRuns(Connection connection) throws SQLException {
    List<StoredRun> runs = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT seq, workspace_id, execution_id, run_id FROM runs WHERE "
                    + NON_CANONICAL
                    + " ORDER BY seq")) {
      while (rows.next()) {
        runs.add(
            new StoredRun(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
      }
    }
    for (StoredRun run : runs) {
      String canonical = canonical(run.executionId());
      if (canonical.equals(run.executionId())) {
        continue;
      }
      String runId = run.runId();
      if (exists(connection, run.workspace(), canonical, runId)) {
        runId = run.runId() + "@" + run.executionId();
        for (int n = 2; exists(connection, run.workspace(), canonical, runId); n++) {
          runId = run.runId() + "@" + run.executionId() + "#" + n;
        }
        LOG.log(
            Level.WARNING,
            "workspace {0} held run {1} under both {2} and {3}, two spellings of one execution id;"
                + " the run recorded as {2} is now run {4} of {3}, readable with run_id={4}",
            run.workspace(),
            run.runId(),
            run.executionId(),
            canonical,
            runId);
      }
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE runs SET execution_id = ?, run_id = ? WHERE seq = ?")) {
        update.setString(1, canonical);
        update.setString(2, runId);
        update.setLong(3, run.seq());
        update.executeUpdate();
      }
    }
  }

  private static void respellAuditEntries(Connection connection) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT execution_id FROM audit_writes WHERE " + NON_CANONICAL)) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    for (String id : ids) {
      String canonical = canonical(id);
      if (!canonical.equals(id)) {
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE audit_writes SET execution_id = ? WHERE execution_id = ?")) {
          update.setString(1, canonical);
          update.setString(2, id);
          update.executeUpdate();
        }
      }
    }
  }

  /** The spelling the service reads an id in; stored ids were valid ids when they were stored. */
  private static String canonical(String executionId) {
    return ExecutionId.parse(executionId).map(ExecutionId::value).orElse(executionId);
  }

  private static boolean exists(Connection connection, String workspace, String id, String runId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT 1 FROM runs WHERE workspace_id = ? AND execution_id = ? AND run_id = ?")) {
      query.setString(1, workspace);
      query.setString(2, id);
      query.setString(3, runId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
