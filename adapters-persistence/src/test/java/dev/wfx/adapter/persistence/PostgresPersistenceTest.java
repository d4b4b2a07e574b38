package dev.wfx.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        List.of("api_keys", "audit_writes", "executions", "flyway_schema_history", "history_events"), tables);
  }

  @Test
  void givenDefaultSettings_thenEveryConnectionHasTheStatementTimeout() throws SQLException {
    assertEquals(List.of("5s"), strings("SHOW statement_timeout"));
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
