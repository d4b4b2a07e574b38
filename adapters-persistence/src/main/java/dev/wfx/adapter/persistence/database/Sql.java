package dev.wfx.adapter.persistence.database;

import dev.wfx.domain.execution.StoreUnavailable;
import io.helidon.dbclient.DbColumn;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.Supplier;

/** Conversions between SQL values and Java ones that the repositories share. */
public final class Sql {

  private static final String UNIQUE_VIOLATION = "23505";
  // Class 08: connection exceptions (refused, broken, lost mid-statement).
  private static final String CONNECTION_EXCEPTION_CLASS = "08";
  // The server shutting down or starting (57P01-03), a statement cancelled by statement_timeout
  // (57014), the server out of connection slots (53300).
  private static final Set<String> UNAVAILABLE_STATES =
      Set.of("57P01", "57P02", "57P03", "57014", "53300");

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

  /**
   * Whether a failure, or any of its causes, means the database could not answer: no connection
   * within the pool's timeout, a refused or broken connection, a server going down, a timeout.
   */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLTimeoutException
          || t instanceof SocketTimeoutException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith(CONNECTION_EXCEPTION_CLASS) || UNAVAILABLE_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Runs a database action, turning a failure that means the database could not answer into
   * {@link StoreUnavailable}; other failures pass unchanged.
   */
  public static <T> T guarded(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw unavailableOr(what, e);
    }
  }

  /** {@link StoreUnavailable} when the failure means the database could not answer, else it. */
  public static RuntimeException unavailableOr(String what, RuntimeException failure) {
    if (failure instanceof StoreUnavailable || !isUnavailable(failure)) {
      return failure;
    }
    return new StoreUnavailable("the database is unavailable: cannot " + what, failure);
  }

  /** {@link StoreUnavailable} when the failure means the database could not answer. */
  public static RuntimeException unavailableOr(String what, SQLException failure) {
    return isUnavailable(failure)
        ? new StoreUnavailable("the database is unavailable: cannot " + what, failure)
        : new IllegalStateException("cannot " + what, failure);
  }
}
