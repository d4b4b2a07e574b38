package dev.wfx.adapter.persistence.execution;

import dev.wfx.adapter.persistence.audit.AuditRows;
import dev.wfx.adapter.persistence.database.Sql;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbColumn;
import io.helidon.dbclient.DbRow;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Driven adapter: the {@link Executions} port on PostgreSQL, one row per run in {@code runs} (unique
 * by workspace, execution id and run id, with a surrogate key) and one per event in {@code
 * history_events}.
 *
 * <p>Reads go through Helidon DbClient: the run's row, then its events in id order, two round trips
 * whatever the history's length. Appends take a pooled JDBC connection instead, because they need
 * what DbClient does not offer: PostgreSQL's COPY for the events (a whole batch in one stream, far
 * faster than row inserts) and the version check's row count, both in one transaction, which also
 * inserts the batch's audit entry.
 */
public final class PostgresExecutions implements Executions {

  /** The most workspaces an ambiguous lookup names. */
  private static final int MAX_WORKSPACES_NAMED = 10;

  // The run asked for, or the latest (started last), in each workspace that has the id; at most
  // one row per workspace, and one more than needed to tell that there are several.
  private static final String RUN_COLUMNS =
      "SELECT DISTINCT ON (workspace_id) seq, workspace_id, run_id, history_length, originals_kept"
          + " FROM runs WHERE execution_id = ?";
  private static final String RUN_ORDER =
      " ORDER BY workspace_id, start_time DESC, seq DESC LIMIT "
          + (MAX_WORKSPACES_NAMED + 1);
  private static final String RUN_LATEST_EVERYWHERE = RUN_COLUMNS + RUN_ORDER;
  private static final String RUN_LATEST_WITHIN =
      RUN_COLUMNS + " AND workspace_id = ?" + RUN_ORDER;
  private static final String RUN_NAMED_EVERYWHERE = RUN_COLUMNS + " AND run_id = ?" + RUN_ORDER;
  private static final String RUN_NAMED_WITHIN =
      RUN_COLUMNS + " AND workspace_id = ? AND run_id = ?" + RUN_ORDER;
  private static final String EVENT_SECOND =
      "CAST(extract(epoch FROM date_trunc('second', event_time)) AS bigint) AS event_second";
  // Bounded by the row's length so that the history matches the row read just before, even when
  // another writer appends in between. An event's time comes back as whole seconds since the epoch
  // (and its nanosecond, kept beside it): the JDBC driver's timestamps follow the Julian calendar
  // before 1582-10-15 and would move such times by days.
  private static final String EVENTS =
      """
      SELECT event_id, kind, event_type, %s, event_time_nanos, task_id, fingerprint,
             CAST(payload AS text) AS payload, payload_encoding, payload_size,
             CAST(attributes AS text) AS attributes
      FROM history_events
      WHERE run_seq = ? AND event_id <= ?
      ORDER BY event_id"""
          .formatted(EVENT_SECOND);
  // The run's summary with the started event and the tail from the given id (at least the last
  // event), in one round trip and one snapshot; every row repeats the summary. Two index ranges
  // joined laterally: one range with an OR, or bounded by the outer row, would scan the whole
  // history.
  private static final String TAIL =
      """
      SELECT r.history_length, r.run_id,
             h.event_id, h.kind, h.event_type, h.event_second, h.event_time_nanos, h.task_id,
             h.fingerprint, h.payload, h.payload_encoding, h.payload_size, h.attributes
      FROM (SELECT seq, history_length, run_id FROM runs
            WHERE workspace_id = ? AND execution_id = ? %2$s
            ORDER BY start_time DESC, seq DESC LIMIT 1) r
      CROSS JOIN LATERAL (
        SELECT event_id, kind, event_type, %1$s, event_time_nanos, task_id, fingerprint,
               CAST(payload AS text) AS payload, payload_encoding, payload_size,
               CAST(attributes AS text) AS attributes
        FROM history_events
        WHERE run_seq = r.seq AND event_id = 1
        UNION ALL
        SELECT event_id, kind, event_type, %1$s, event_time_nanos, task_id, fingerprint,
               CAST(payload AS text), payload_encoding, payload_size, CAST(attributes AS text)
        FROM history_events
        WHERE run_seq = r.seq
          AND event_id >= GREATEST(2, LEAST(?, r.history_length))
          AND event_id <= r.history_length) h
      ORDER BY h.event_id""";
  private static final String TAIL_LATEST = TAIL.formatted(EVENT_SECOND, "");
  private static final String TAIL_NAMED = TAIL.formatted(EVENT_SECOND, "AND run_id = ?");
  // Originals only ever leave the store page by page, for exports.
  private static final String ORIGINALS =
      """
      SELECT h.event_id, h.original, h.original_format
      FROM runs r JOIN history_events h ON h.run_seq = r.seq
      WHERE r.workspace_id = ? AND r.execution_id = ? AND r.run_id = ?
        AND h.event_id >= ? AND h.event_id <= ?
      ORDER BY h.event_id
      LIMIT ?""";
  // A rival that created the run first makes this insert nothing, not fail.
  private static final String INSERT_RUN =
      """
      INSERT INTO runs (workspace_id, execution_id, run_id, workflow_type, task_queue, status,
                        start_time, execution_time, close_time, history_length,
                        parent_workflow_id, originals_kept)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT ON CONSTRAINT runs_key DO NOTHING
      RETURNING seq""";
  // The row lock taken here serialises writers of one run; a writer that waited finds the length
  // changed and updates nothing.
  private static final String UPDATE_RUN =
      """
      UPDATE runs
      SET status = ?, close_time = ?, history_length = ?, originals_kept = originals_kept AND ?,
          updated_at = now()
      WHERE workspace_id = ? AND execution_id = ? AND run_id = ? AND history_length = ?
      RETURNING seq""";
  private static final String COPY_EVENTS =
      """
      COPY history_events (run_seq, event_id, kind, event_type, event_time, event_time_nanos,
                           task_id, fingerprint, payload, payload_encoding, payload_size,
                           attributes, original, original_format)
      FROM STDIN""";

  private static final int COPY_CHUNK = 1 << 16;

  private final DbClient db;
  private final DataSource dataSource;
  private final HistoryEventCodec codec = new HistoryEventCodec();

  public PostgresExecutions(DbClient db, DataSource dataSource) {
    this.db = Objects.requireNonNull(db, "db");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** A run's row as looked up: its surrogate key and its summary. */
  private record RunRow(long seq, StoredRun run) {}

  @Override
  public Lookup<WorkflowExecution> find(
      ExecutionId id, Optional<RunId> run, Visibility visibility) {
    return Sql.guarded(
        "read execution " + id,
        () ->
            lookup(id, run, visibility)
                .map(found -> load(found.run().id(), found)));
  }

  private WorkflowExecution load(ExecutionId id, RunRow row) {
    StoredRun run = row.run();
    List<HistoryEvent> history = new ArrayList<>(Math.toIntExact(run.version()));
    try (Stream<DbRow> events = db.execute().query(EVENTS, row.seq(), run.version())) {
      events.forEach(event -> history.add(codec.decode(eventRow(event))));
    }
    return WorkflowExecution.restore(id, run.workspace(), run.run(), history);
  }

  @Override
  public Lookup<StoredRun> version(ExecutionId id, Optional<RunId> run, Visibility visibility) {
    return Sql.guarded(
        "read the version of execution " + id,
        () -> lookup(id, run, visibility).map(RunRow::run));
  }

  private Lookup<RunRow> lookup(ExecutionId id, Optional<RunId> run, Visibility visibility) {
    List<DbRow> rows;
    try (Stream<DbRow> found =
        switch (visibility) {
          case Visibility.Everywhere everywhere ->
              run.isPresent()
                  ? db.execute().query(RUN_NAMED_EVERYWHERE, id.value(), run.get().value())
                  : db.execute().query(RUN_LATEST_EVERYWHERE, id.value());
          case Visibility.Within within ->
              run.isPresent()
                  ? db.execute()
                      .query(
                          RUN_NAMED_WITHIN,
                          id.value(),
                          within.workspace().value(),
                          run.get().value())
                  : db.execute().query(RUN_LATEST_WITHIN, id.value(), within.workspace().value());
        }) {
      rows = found.toList();
    }
    if (rows.isEmpty()) {
      return new Lookup.NotFound<>();
    }
    if (rows.size() > 1) {
      return new Lookup.InSeveralWorkspaces<>(
          rows.stream()
              .limit(MAX_WORKSPACES_NAMED)
              .map(row -> WorkspaceId.of(row.column("workspace_id").get(String.class)))
              .toList());
    }
    DbRow row = rows.getFirst();
    return new Lookup.Found<>(
        new RunRow(
            number(row.column("seq")),
            new StoredRun(
                id,
                WorkspaceId.of(row.column("workspace_id").get(String.class)),
                RunId.of(row.column("run_id").get(String.class)),
                number(row.column("history_length")),
                row.column("originals_kept").get(Boolean.class))));
  }

  @Override
  public Optional<WorkflowExecution> findForAppend(
      ExecutionId id, WorkspaceId workspace, Optional<RunId> run, EventId from) {
    return Sql.guarded(
        "read execution " + id + " for appending", () -> loadTail(id, workspace, run, from));
  }

  private Optional<WorkflowExecution> loadTail(
      ExecutionId id, WorkspaceId workspace, Optional<RunId> run, EventId from) {
    List<DbRow> rows;
    try (Stream<DbRow> tail =
        run.isPresent()
            ? db.execute()
                .query(TAIL_NAMED, workspace.value(), id.value(), run.get().value(), from.value())
            : db.execute().query(TAIL_LATEST, workspace.value(), id.value(), from.value())) {
      rows = tail.toList();
    }
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    DbRow summary = rows.getFirst();
    List<HistoryEvent> events = new ArrayList<>(rows.size());
    rows.forEach(row -> events.add(codec.decode(eventRow(row))));
    if (!(events.getFirst() instanceof WorkflowStarted started)) {
      throw new IllegalStateException("execution " + id + " has no stored started event");
    }
    return Optional.of(
        WorkflowExecution.restoreForAppend(
            id,
            workspace,
            RunId.of(summary.column("run_id").get(String.class)),
            number(summary.column("history_length")),
            started,
            events));
  }

  @Override
  public List<EventOriginal> originals(StoredRun run, EventId from, int limit) {
    return Sql.guarded(
        "read the originals of execution " + run.id(),
        () -> {
          try (Stream<DbRow> rows =
              db.execute()
                  .query(
                      ORIGINALS,
                      run.workspace().value(),
                      run.id().value(),
                      run.run().value(),
                      from.value(),
                      run.version(),
                      limit)) {
            return rows.map(PostgresExecutions::original).toList();
          }
        });
  }

  private static EventOriginal original(DbRow row) {
    String format = row.column("original_format").get(String.class);
    if (format == null) {
      throw new IllegalStateException(
          "event " + row.column("event_id").get() + " was stored before wfx kept originals");
    }
    return new EventOriginal(
        switch (format) {
          case "proto" -> EventOriginal.Format.TEMPORAL_PROTO;
          case "json" -> EventOriginal.Format.TEMPORAL_JSON;
          default -> throw new IllegalStateException("unknown original format '" + format + "'");
        },
        row.column("original").get(byte[].class));
  }

  @Override
  public SaveOutcome append(
      WorkflowExecution execution,
      long expectedVersion,
      List<HistoryEvent> newEvents,
      WriteAudit audit) {
    requireContinuation(execution, expectedVersion, newEvents);
    requireEntryOf(execution, audit);
    long newVersion = expectedVersion + newEvents.size();
    String what = "append " + newEvents.size() + " events to execution " + execution.id();
    try (Connection connection = dataSource.getConnection()) {
      // Returning the connection to the pool restores auto-commit and rolls back what is open.
      connection.setAutoCommit(false);
      try {
        OptionalLong won =
            expectedVersion == 0
                ? insertRun(connection, execution, newVersion, newEvents)
                : updateRun(connection, execution, expectedVersion, newVersion, newEvents);
        if (won.isEmpty()) {
          connection.rollback();
          return SaveOutcome.VERSION_CONFLICT;
        }
        copyEvents(connection, won.getAsLong(), execution.id(), newEvents);
        // Last, so that a failing entry takes the events and the new version back with it.
        AuditRows.insert(connection, audit);
        connection.commit();
        return SaveOutcome.SAVED;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        // The version check makes a duplicate event id unreachable; should a writer that bypasses
        // it have stored one first, that too is a lost race.
        if (Sql.isUniqueViolation(e)) {
          return SaveOutcome.VERSION_CONFLICT;
        }
        throw e;
      }
    } catch (SQLException e) {
      throw Sql.unavailableOr(what, e);
    } catch (RuntimeException e) {
      throw Sql.unavailableOr(what, e);
    }
  }

  /** A broken connection cannot roll back; the server drops its transaction then anyway. */
  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** The entry must be of this execution's batch, and of a stored one: else a caller's bug. */
  private static void requireEntryOf(WorkflowExecution execution, WriteAudit audit) {
    if (!audit.executionId().equals(execution.id()) || !audit.outcome().accepted()) {
      throw new IllegalArgumentException(
          "a "
              + audit.outcome()
              + " entry of execution "
              + audit.executionId()
              + " is not the entry of a batch stored in execution "
              + execution.id());
    }
  }

  /** The port stores continuations only; anything else is a caller's bug, not a race. */
  private static void requireContinuation(
      WorkflowExecution execution, long expectedVersion, List<HistoryEvent> newEvents) {
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expected version must not be negative");
    }
    if (newEvents.isEmpty()) {
      throw new IllegalArgumentException("nothing to append to execution " + execution.id());
    }
    long expectedId = expectedVersion + 1;
    for (HistoryEvent event : newEvents) {
      if (event.id().value() != expectedId) {
        throw new IllegalArgumentException(
            "execution "
                + execution.id()
                + ": event "
                + event.id()
                + " does not continue version "
                + expectedVersion
                + "; event "
                + expectedId
                + " was due");
      }
      expectedId++;
    }
  }

  /** Inserts the run's row; its key, or empty when a rival inserted the run first. */
  private static OptionalLong insertRun(
      Connection connection, WorkflowExecution execution, long version, List<HistoryEvent> newEvents)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
      insert.setString(1, execution.workspace().value());
      insert.setString(2, execution.id().value());
      insert.setString(3, execution.runId().value());
      insert.setString(4, execution.workflowType());
      insert.setString(5, execution.taskQueue());
      insert.setString(6, execution.status().name());
      insert.setObject(7, Sql.timestamp(execution.startTime()));
      insert.setObject(8, Sql.timestamp(execution.executionTime()));
      insert.setObject(9, Sql.timestamp(execution.closeTime().orElse(null)));
      insert.setLong(10, version);
      insert.setString(11, execution.parentWorkflowId().orElse(null));
      insert.setBoolean(12, allHaveOriginals(newEvents));
      return key(insert);
    }
  }

  /** Updates the run's row at the expected version; its key, or empty when a rival was first. */
  private static OptionalLong updateRun(
      Connection connection,
      WorkflowExecution execution,
      long expectedVersion,
      long version,
      List<HistoryEvent> newEvents)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(UPDATE_RUN)) {
      update.setString(1, execution.status().name());
      update.setObject(2, Sql.timestamp(execution.closeTime().orElse(null)));
      update.setLong(3, version);
      update.setBoolean(4, allHaveOriginals(newEvents));
      update.setString(5, execution.workspace().value());
      update.setString(6, execution.id().value());
      update.setString(7, execution.runId().value());
      update.setLong(8, expectedVersion);
      return key(update);
    }
  }

  private static boolean allHaveOriginals(List<HistoryEvent> events) {
    return events.stream().allMatch(event -> event.header().original() != null);
  }

  private static OptionalLong key(PreparedStatement statement) throws SQLException {
    try (ResultSet returned = statement.executeQuery()) {
      return returned.next() ? OptionalLong.of(returned.getLong(1)) : OptionalLong.empty();
    }
  }

  private void copyEvents(
      Connection connection, long runSeq, ExecutionId id, List<HistoryEvent> events)
      throws SQLException {
    // Rows stream to the server as they are written, in COPY_CHUNK pieces: the whole batch as one
    // string would be copied three times over (growing, toString, encoding) before a byte is sent.
    StringBuilder rows = new StringBuilder(COPY_CHUNK + 4096);
    try (Writer out =
        new OutputStreamWriter(
            new PGCopyOutputStream(connection.unwrap(PGConnection.class), COPY_EVENTS, COPY_CHUNK),
            StandardCharsets.UTF_8)) {
      for (HistoryEvent event : events) {
        CopyText.appendRow(rows, runSeq, codec.encode(event));
        if (rows.length() >= COPY_CHUNK) {
          out.append(rows);
          rows.setLength(0);
        }
      }
      out.append(rows);
    } catch (IOException e) {
      if (e.getCause() instanceof SQLException cause) {
        throw cause;
      }
      throw new UncheckedIOException("cannot stream the events of execution " + id, e);
    }
  }

  private static EventRow eventRow(DbRow row) {
    return new EventRow(
        number(row.column("event_id")),
        row.column("kind").get(String.class),
        row.column("event_type").get(String.class),
        number(row.column("event_second")),
        (int) number(row.column("event_time_nanos")),
        number(row.column("task_id")),
        row.column("fingerprint").get(String.class),
        Sql.text(row.column("payload")),
        Sql.text(row.column("payload_encoding")),
        Sql.number(row.column("payload_size")),
        row.column("attributes").get(String.class),
        null);
  }

  private static long number(DbColumn column) {
    return ((Number) column.get()).longValue();
  }
}
