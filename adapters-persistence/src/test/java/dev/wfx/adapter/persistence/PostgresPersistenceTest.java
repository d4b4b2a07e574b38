package dev.wfx.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.access.PostgresApiKeys;
import dev.wfx.domain.access.ApiKey;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.access.KeyDigest;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The started adapter: migrated schema, connection settings, health. */
class PostgresPersistenceTest {

  private static TestDatabase database;

  @BeforeAll
  static void startDatabase() {
    database = TestDatabase.start();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Test
  void givenAStartedAdapter_thenItsSchemaHoldsTheMigratedTables() throws SQLException {
    List<String> tables =
        strings(
            "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() ORDER BY table_name");

    assertEquals(
        List.of("api_keys", "audit_writes", "flyway_schema_history", "history_events", "runs"), tables);
  }

  @Test
  void givenAKeyLookedUp_thenItsCacheListensAndRefusesAKeyTheMomentAnotherAdapterRevokedIt() {
    ApiKeys keys = database.persistence().apiKeys();
    ApiKey key = key("cachedkey1", 1);
    keys.add(key);

    keys.findByDigest(key.digest());
    assertTrue(Poll.until(database.persistence()::apiKeyCacheInUse), "the cache listens");
    keys.findByDigest(key.digest());
    try (PostgresPersistence tool = PostgresPersistence.start(database.settings())) {
      assertTrue(tool.apiKeys().revoke(key.id(), Instant.now()));
    }

    assertTrue(keys.findByDigest(key.digest()).orElseThrow().isRevoked());
  }

  @Test
  void givenItsListeningSessionEnded_thenTheAdapterListensAgainOnANewOne() throws SQLException {
    database.persistence().apiKeys().findByDigest(new KeyDigest("f".repeat(64)));
    assertTrue(Poll.until(database.persistence()::apiKeyCacheInUse), "the cache listens");
    List<String> first = listenerSessions();
    assertEquals(1, first.size(), "one listening session: " + first);

    strings("SELECT pg_terminate_backend(" + first.getFirst() + ")::text");

    assertTrue(
        Poll.until(
            () -> {
              List<String> now = listenerSessions();
              return now.size() == 1
                  && !now.equals(first)
                  && database.persistence().apiKeyCacheInUse();
            }),
        "listening again");
    assertNotEquals(first, listenerSessions());
  }

  @Test
  void givenTheApiKeyCacheOff_thenKeysComeStraightFromTheDatabase() {
    try (PostgresPersistence uncached =
        PostgresPersistence.start(database.settings().withApiKeyCache(false))) {
      assertInstanceOf(PostgresApiKeys.class, uncached.apiKeys());
    }
  }

  @Test
  void givenDefaultSettings_thenEveryConnectionHasTheStatementTimeout() throws SQLException {
    assertEquals(List.of("5s"), strings("SHOW statement_timeout"));
  }

  @Test
  void givenDefaultSettings_thenPooledConnectionsCarryTheDriverTimeouts() throws SQLException {
    try (Connection connection = database.persistence().dataSource().getConnection()) {
      // socketTimeout: the statement timeout (5 s) and the connection timeout (2 s).
      assertEquals(7_000, connection.getNetworkTimeout());
      assertEquals(5, connection.unwrap(PGConnection.class).getPrepareThreshold());
    }
  }

  @Test
  void givenTransactionPooling_thenPooledConnectionsPrepareNoStatementOnTheServer()
      throws SQLException {
    DatabaseSettings pooled =
        database.settings().behindPooler(database.settings().url(), true).withPoolSize(2);
    try (PostgresPersistence behindPooler = PostgresPersistence.start(pooled);
        Connection connection = behindPooler.dataSource().getConnection()) {
      assertEquals(0, connection.unwrap(PGConnection.class).getPrepareThreshold());
    }
  }

  @Test
  void givenAListenUrl_thenTheKeyListenerConnectsThereAndNotToThePooledUrl() throws Exception {
    int nobodyListens;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobodyListens = socket.getLocalPort();
    }
    DatabaseSettings elsewhere =
        database
            .settings()
            .behindPooler("jdbc:postgresql://127.0.0.1:" + nobodyListens + "/wfx", false)
            .withPoolSize(2);
    DatabaseSettings direct =
        database.settings().behindPooler(database.settings().url(), false).withPoolSize(2);
    try (PostgresPersistence deaf = PostgresPersistence.start(elsewhere);
        PostgresPersistence hearing = PostgresPersistence.start(direct)) {
      KeyDigest unknown = new KeyDigest(String.format("%064x", 424242));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!hearing.apiKeyCacheInUse() && System.nanoTime() < deadline) {
        hearing.apiKeys().findByDigest(unknown);
        deaf.apiKeys().findByDigest(unknown);
        Thread.sleep(20);
      }

      assertTrue(hearing.apiKeyCacheInUse(), "listening through the listen URL");
      assertFalse(deaf.apiKeyCacheInUse(), "a listen URL nobody answers: no listening");
      assertTrue(deaf.isHealthy(), "the pool does not use the listen URL");
    }
  }

  @Test
  void givenAStartedAdapter_thenItIsHealthy() {
    assertTrue(database.persistence().isHealthy());
  }

  @Test
  void givenInvalidSettings_thenTheyAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DatabaseSettings.external("jdbc:mysql://db/wfx", "u", ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> DatabaseSettings.external("jdbc:postgresql://db/wfx", "u", "").withSchema("x; DROP"));
    assertThrows(
        IllegalArgumentException.class,
        () -> DatabaseSettings.external("jdbc:postgresql://db/wfx", "u", "").withPoolSize(0));
  }

  private static List<String> listenerSessions() {
    try {
      return strings(
          "SELECT pid::text FROM pg_stat_activity"
              + " WHERE application_name = 'wfx listening on wfx_api_keys schema "
              + database.settings().schema()
              + "'");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiKey key(String id, int n) {
    return new ApiKey(
        new ApiKeyId(id),
        new KeyDigest(String.format("%064x", n)),
        new Role(RoleType.SERVICE, WorkspaceId.of("ws-1"), null, Role.MEMBER, "svc"),
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        null);
  }

  private static List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.persistence().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
