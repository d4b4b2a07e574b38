package dev.wfx.adapter.persistence.database;

import io.helidon.dbclient.DbColumn;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between SQL values and Java ones that the repositories share. */
public final class Sql {

  private static final String UNIQUE_VIOLATION = "23505";

  private Sql() {}

  /** A timestamptz parameter: the JDBC driver binds OffsetDateTime (JDBC 4.2), with its offset. */
  public static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** A timestamptz column as an instant; null when the column is null. */
  public static Instant instant(DbColumn column) {
    Object value = column.asOptional().orElse(null);
    return switch (value) {
      case null -> null;
      case Timestamp timestamp -> timestamp.toInstant();
      case OffsetDateTime dateTime -> dateTime.toInstant();
      default ->
          throw new IllegalStateException(
              "column " + column.name() + " holds " + value.getClass() + ", not a timestamp");
    };
  }

  /** A text column; null when the column is null (DbColumn.get refuses nulls). */
  public static String text(DbColumn column) {
    return (String) column.asOptional().orElse(null);
  }

  /** A bigint column; null when the column is null. */
  public static Long number(DbColumn column) {
    return column.asOptional().map(value -> ((Number) value).longValue()).orElse(null);
  }

  /** Whether a failure, or any of its causes, is PostgreSQL refusing a duplicate key. */
  public static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
