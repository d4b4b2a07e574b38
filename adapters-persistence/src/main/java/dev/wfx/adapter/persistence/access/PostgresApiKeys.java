package dev.wfx.adapter.persistence.access;

import dev.wfx.adapter.persistence.database.Sql;
import dev.wfx.domain.access.ApiKey;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.access.KeyDigest;
import dev.wfx.domain.access.Role;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Driven adapter: the {@link ApiKeys} port on PostgreSQL, one row per key in {@code api_keys}.
 *
 * <p>Timestamps are kept to the microsecond, PostgreSQL's precision.
 */
public final class PostgresApiKeys implements ApiKeys {

  private static final String COLUMNS =
      "SELECT id, digest, role_type, workspace_id, user_id, access_level, service_id, created_at,"
          + " revoked_at FROM api_keys";
  private static final String INSERT =
      "INSERT INTO api_keys (id, digest, role_type, workspace_id, user_id, access_level,"
          + " service_id, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final DbClient db;

  public PostgresApiKeys(DbClient db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Optional<ApiKey> findByDigest(KeyDigest digest) {
    return Sql.guarded(
        "look up an API key",
        () -> db.execute().get(COLUMNS + " WHERE digest = ?", digest.hex()).map(PostgresApiKeys::key));
  }

  @Override
  public void add(ApiKey key) {
    try {
      insert(db.execute(), key);
    } catch (RuntimeException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new IllegalStateException("a key with id " + key.id() + " or its digest exists", e);
      }
      throw Sql.unavailableOr("store an API key", e);
    }
  }

  @Override
  public boolean addIfNoneExist(ApiKey key) {
    return Sql.guarded("store the first API key", () -> addToEmptyStore(key));
  }

  private boolean addToEmptyStore(ApiKey key) {
    DbTransaction tx = db.transaction();
    try {
      // Concurrent first starts queue on the lock, so only the first sees the table empty; readers
      // are not blocked by this mode.
      tx.dml("LOCK TABLE api_keys IN EXCLUSIVE MODE");
      boolean empty = tx.get("SELECT NOT EXISTS (SELECT 1 FROM api_keys) AS empty")
          .map(row -> row.column("empty").get(Boolean.class))
          .orElseThrow();
      if (empty) {
        insert(tx, key);
      }
      tx.commit();
      return empty;
    } catch (RuntimeException e) {
      tx.rollback();
      throw e;
    }
  }

  @Override
  public List<ApiKey> list() {
    return Sql.guarded(
        "list the API keys",
        () -> {
          try (Stream<DbRow> rows = db.execute().query(COLUMNS + " ORDER BY created_at, id")) {
            return rows.map(PostgresApiKeys::key).toList();
          }
        });
  }

  @Override
  public boolean revoke(ApiKeyId id, Instant at) {
    return Sql.guarded(
        "revoke an API key",
        () ->
            db.execute()
                    .update(
                        "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                        Sql.timestamp(at),
                        id.value())
                == 1);
  }

  private static void insert(DbExecute execute, ApiKey key) {
    Role role = key.role();
    execute.insert(
        INSERT,
        key.id().value(),
        key.digest().hex(),
        role.type().name(),
        role.workspaceId().value(),
        role.userId(),
        role.accessLevel(),
        role.serviceId(),
        Sql.timestamp(key.createdAt()),
        Sql.timestamp(key.revokedAt()));
  }

  private static ApiKey key(DbRow row) {
    return new ApiKey(
        new ApiKeyId(row.column("id").get(String.class)),
        new KeyDigest(row.column("digest").get(String.class)),
        RoleColumns.read(row, "workspace_id"),
        Sql.instant(row.column("created_at")),
        Sql.instant(row.column("revoked_at")));
  }
}
