package dev.wfx.adapter.persistence.execution;

import dev.wfx.adapter.persistence.database.Sql;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Maintenance: derives the typed projection of every stored event again from its original, and
 * stores what changed. A release that reads more of Temporal's events (a new view, a fixed reading)
 * brings the histories stored before up to date with it; events stored without an original (before
 * wfx kept them) keep their projection.
 *
 * <p>It walks {@code history_events} in key order a page at a time, each page in a transaction of
 * its own, and never touches an event's id, fingerprint or original. Renderings that a running wfx
 * holds are kept until their run changes: rebuild with wfx stopped, or restart it after.
 */
public final class ProjectionRebuild {

  /** What a rebuild did. */
  public record Summary(long derived, long changed) {}

  private static final int PAGE = 500;

  private static final String ORIGINALS =
      """
      SELECT run_seq, event_id, original, original_format FROM history_events
      WHERE original IS NOT NULL AND (run_seq, event_id) > (?, ?)
      ORDER BY run_seq, event_id
      LIMIT ?""";

  // Only a projection that differs is written: a rebuild that changes nothing writes nothing.
  private static final String UPDATE =
      """
      UPDATE history_events
      SET kind = ?, event_type = ?, event_time = ?, event_time_nanos = ?, task_id = ?,
          payload = CAST(? AS json), payload_encoding = ?, payload_size = ?,
          attributes = CAST(? AS json)
      WHERE run_seq = ? AND event_id = ?
        AND (kind, event_type, event_time, event_time_nanos, task_id, CAST(payload AS text),
             payload_encoding, payload_size, CAST(attributes AS text))
            IS DISTINCT FROM (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  private final DataSource dataSource;
  private final HistoryEventCodec codec = new HistoryEventCodec();

  public ProjectionRebuild(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * @param derivation the typed event of an original: the anti-corruption layer's reading of
   *     Temporal's history, the same one that records histories
   */
  public Summary rebuild(Function<EventOriginal, HistoryEvent> derivation) {
    long derived = 0;
    long changed = 0;
    long afterRun = 0;
    long afterEvent = 0;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      while (true) {
        List<Stored> page = page(connection, afterRun, afterEvent);
        if (page.isEmpty()) {
          break;
        }
        for (Stored stored : page) {
          HistoryEvent event = derivation.apply(stored.original());
          if (event.id().value() != stored.eventId()) {
            throw new IllegalStateException(
                "the original of event " + stored.eventId() + " derives event " + event.id());
          }
          changed += update(connection, stored, codec.encode(event));
          derived++;
        }
        connection.commit();
        afterRun = page.getLast().runSeq();
        afterEvent = page.getLast().eventId();
      }
    } catch (SQLException e) {
      throw Sql.unavailableOr("rebuild the projections of stored events", e);
    }
    return new Summary(derived, changed);
  }

  private record Stored(long runSeq, long eventId, EventOriginal original) {}

  private static List<Stored> page(Connection connection, long afterRun, long afterEvent)
      throws SQLException {
    List<Stored> page = new ArrayList<>(PAGE);
    try (PreparedStatement query = connection.prepareStatement(ORIGINALS)) {
      query.setLong(1, afterRun);
      query.setLong(2, afterEvent);
      query.setInt(3, PAGE);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          EventOriginal.Format format =
              switch (rows.getString(4)) {
                case "proto" -> EventOriginal.Format.TEMPORAL_PROTO;
                case "json" -> EventOriginal.Format.TEMPORAL_JSON;
                default -> throw new IllegalStateException("unknown original format " + rows.getString(4));
              };
          page.add(
              new Stored(rows.getLong(1), rows.getLong(2), new EventOriginal(format, rows.getBytes(3))));
        }
      }
    }
    return page;
  }

  private static int update(Connection connection, Stored stored, EventRow row)
      throws SQLException {
    Object[] projection = {
      row.kind(),
      row.eventType(),
      // As COPY stores it: microseconds truncated, the nanosecond in its own column.
      Sql.timestamp(Instant.ofEpochSecond(row.timeSeconds(), row.timeNanos() / 1_000 * 1_000L)),
      row.timeNanos(),
      row.taskId(),
      row.payload(),
      row.payloadEncoding(),
      row.payloadSize(),
      row.attributes()
    };
    try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
      int at = 1;
      for (Object value : projection) {
        update.setObject(at++, value);
      }
      update.setLong(at++, stored.runSeq());
      update.setLong(at++, stored.eventId());
      for (Object value : projection) {
        update.setObject(at++, value);
      }
      return update.executeUpdate();
    }
  }
}
