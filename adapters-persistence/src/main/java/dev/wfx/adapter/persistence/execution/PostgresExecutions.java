package dev.wfx.adapter.persistence.execution;

import dev.wfx.adapter.persistence.audit.AuditRows;
import dev.wfx.adapter.persistence.database.Sql;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.history.EventId;
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
 * Driven adapter: the {@link Executions} port on PostgreSQL, one row per execution in {@code
 * executions} and one per event in {@code history_events}.
 *
 * <p>Reads go through Helidon DbClient: the execution row, then its events in id order, two round
 * trips whatever the history's length. Appends take a pooled JDBC connection instead, because they
 * need what DbClient does not offer: PostgreSQL's COPY for the events (a whole batch in one stream,
 * far faster than row inserts) and the version check's row count, both in one transaction, which
 * also inserts the batch's audit entry.
 */
public final class PostgresExecutions implements Executions {

  private static final String ROW_COLUMNS = "SELECT workspace_id, history_length FROM executions";
  private static final String ROW_EVERYWHERE = ROW_COLUMNS + " WHERE id = ?";
  private static final String ROW_WITHIN = ROW_COLUMNS + " WHERE id = ? AND workspace_id = ?";
  private static final String VERSION_EVERYWHERE =
      "SELECT history_length FROM executions WHERE id = ?";
  private static final String VERSION_WITHIN =
      "SELECT history_length FROM executions WHERE id = ? AND workspace_id = ?";
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
      WHERE execution_id = ? AND event_id <= ?
      ORDER BY event_id"""
          .formatted(EVENT_SECOND);
  // The summary with the started event and the tail from the given id (at least the last event),
  // in one round trip and one snapshot; every row repeats the summary. Two index ranges joined
  // laterally: one range with an OR, or bounded by the outer row, would scan the whole history.
  private static final String TAIL =
      """
      SELECT e.workspace_id, e.history_length, e.run_id,
             h.event_id, h.kind, h.event_type, h.event_second, h.event_time_nanos, h.task_id,
             h.fingerprint, h.payload, h.payload_encoding, h.payload_size, h.attributes
      FROM executions e
      CROSS JOIN LATERAL (
        SELECT event_id, kind, event_type, %1$s, event_time_nanos, task_id, fingerprint,
               CAST(payload AS text) AS payload, payload_encoding, payload_size,
               CAST(attributes AS text) AS attributes
        FROM history_events
        WHERE execution_id = e.id AND event_id = 1
        UNION ALL
        SELECT event_id, kind, event_type, %1$s, event_time_nanos, task_id, fingerprint,
               CAST(payload AS text), payload_encoding, payload_size, CAST(attributes AS text)
        FROM history_events
        WHERE execution_id = e.id
          AND event_id >= GREATEST(2, LEAST(?, e.history_length))
          AND event_id <= e.history_length) h
      WHERE e.id = ?"""
          .formatted(EVENT_SECOND);
  private static final String TAIL_EVERYWHERE = TAIL + " ORDER BY h.event_id";
  private static final String TAIL_WITHIN = TAIL + " AND e.workspace_id = ? ORDER BY h.event_id";
  // A rival that created the execution first makes this insert nothing, not fail.
  private static final String INSERT_EXECUTION =
      """
      INSERT INTO executions (id, workspace_id, run_id, workflow_type, task_queue, status,
                              start_time, execution_time, close_time, history_length,
                              parent_workflow_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING""";
  // The row lock taken here serialises writers of one execution; a writer that waited finds the
  // length changed and updates nothing.
  private static final String UPDATE_EXECUTION =
      """
      UPDATE executions
      SET run_id = ?, status = ?, close_time = ?, history_length = ?, updated_at = now()
      WHERE id = ? AND history_length = ?""";
  private static final String COPY_EVENTS =
      """
      COPY history_events (execution_id, event_id, kind, event_type, event_time, event_time_nanos,
                           task_id, fingerprint, payload, payload_encoding, payload_size,
                           attributes)
      FROM STDIN""";

  private static final int COPY_CHUNK = 1 << 16;

  private final DbClient db;
  private final DataSource dataSource;
  private final HistoryEventCodec codec = new HistoryEventCodec();

  public PostgresExecutions(DbClient db, DataSource dataSource) {
    this.db = Objects.requireNonNull(db, "db");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public Optional<WorkflowExecution> find(ExecutionId id, Visibility visibility) {
    return Sql.guarded("read execution " + id, () -> load(id, visibility));
  }

  private Optional<WorkflowExecution> load(ExecutionId id, Visibility visibility) {
    Optional<DbRow> found =
        switch (visibility) {
          case Visibility.Everywhere everywhere -> db.execute().get(ROW_EVERYWHERE, id.value());
          case Visibility.Within within ->
              db.execute().get(ROW_WITHIN, id.value(), within.workspace().value());
        };
    if (found.isEmpty()) {
      return Optional.empty();
    }
    DbRow row = found.get();
    WorkspaceId workspace = WorkspaceId.of(row.column("workspace_id").get(String.class));
    long length = number(row.column("history_length"));
    List<HistoryEvent> history = new ArrayList<>(Math.toIntExact(length));
    try (Stream<DbRow> events = db.execute().query(EVENTS, id.value(), length)) {
      events.forEach(event -> history.add(codec.decode(eventRow(event))));
    }
    return Optional.of(WorkflowExecution.restore(id, workspace, history));
  }

  @Override
  public Optional<WorkflowExecution> findForAppend(
      ExecutionId id, Visibility visibility, EventId from) {
    return Sql.guarded("read execution " + id + " for appending", () -> loadTail(id, visibility, from));
  }

  private Optional<WorkflowExecution> loadTail(ExecutionId id, Visibility visibility, EventId from) {
    List<DbRow> rows;
    try (Stream<DbRow> tail =
        switch (visibility) {
          case Visibility.Everywhere everywhere ->
              db.execute().query(TAIL_EVERYWHERE, from.value(), id.value());
          case Visibility.Within within ->
              db.execute().query(TAIL_WITHIN, from.value(), id.value(), within.workspace().value());
        }) {
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
            WorkspaceId.of(summary.column("workspace_id").get(String.class)),
            number(summary.column("history_length")),
            summary.column("run_id").get(String.class),
            started,
            events));
  }

  @Override
  public OptionalLong version(ExecutionId id, Visibility visibility) {
    return Sql.guarded("read the version of execution " + id, () -> storedVersion(id, visibility));
  }

  private OptionalLong storedVersion(ExecutionId id, Visibility visibility) {
    Optional<DbRow> found =
        switch (visibility) {
          case Visibility.Everywhere everywhere -> db.execute().get(VERSION_EVERYWHERE, id.value());
          case Visibility.Within within ->
              db.execute().get(VERSION_WITHIN, id.value(), within.workspace().value());
        };
    return found.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(number(found.get().column("history_length")));
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
        boolean won =
            expectedVersion == 0
                ? insertExecution(connection, execution, newVersion)
                : updateExecution(connection, execution, expectedVersion, newVersion);
        if (!won) {
          connection.rollback();
          return SaveOutcome.VERSION_CONFLICT;
        }
        copyEvents(connection, execution.id(), newEvents);
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

  private static boolean insertExecution(
      Connection connection, WorkflowExecution execution, long version) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_EXECUTION)) {
      insert.setString(1, execution.id().value());
      insert.setString(2, execution.workspace().value());
      insert.setString(3, execution.runId());
      insert.setString(4, execution.workflowType());
      insert.setString(5, execution.taskQueue());
      insert.setString(6, execution.status().name());
      insert.setObject(7, Sql.timestamp(execution.startTime()));
      insert.setObject(8, Sql.timestamp(execution.executionTime()));
      insert.setObject(9, Sql.timestamp(execution.closeTime().orElse(null)));
      insert.setLong(10, version);
      insert.setString(11, execution.parentWorkflowId().orElse(null));
      return insert.executeUpdate() == 1;
    }
  }

  private static boolean updateExecution(
      Connection connection, WorkflowExecution execution, long expectedVersion, long version)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(UPDATE_EXECUTION)) {
      update.setString(1, execution.runId());
      update.setString(2, execution.status().name());
      update.setObject(3, Sql.timestamp(execution.closeTime().orElse(null)));
      update.setLong(4, version);
      update.setString(5, execution.id().value());
      update.setLong(6, expectedVersion);
      return update.executeUpdate() == 1;
    }
  }

  private void copyEvents(Connection connection, ExecutionId id, List<HistoryEvent> events)
      throws SQLException {
    // Rows stream to the server as they are written, in COPY_CHUNK pieces: the whole batch as one
    // string would be copied three times over (growing, toString, encoding) before a byte is sent.
    StringBuilder rows = new StringBuilder(COPY_CHUNK + 4096);
    try (Writer out =
        new OutputStreamWriter(
            new PGCopyOutputStream(connection.unwrap(PGConnection.class), COPY_EVENTS, COPY_CHUNK),
            StandardCharsets.UTF_8)) {
      for (HistoryEvent event : events) {
        CopyText.appendRow(rows, id.value(), codec.encode(event));
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
        row.column("attributes").get(String.class));
  }

  private static long number(DbColumn column) {
    return ((Number) column.get()).longValue();
  }
}
