package dev.wfx.adapter.persistence.database;

import static dev.wfx.application.testing.AuditEntries.creating;
import static dev.wfx.domain.testing.Events.runningHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.DatabaseSettings;
import dev.wfx.adapter.persistence.PostgresPersistence;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory an older wfx made (initdb trusting everyone, everything created by the
 * superuser) is secured in place at the next start and keeps its data; one whose kept password no
 * longer opens it fails to start without leaving a server behind.
 */
class EmbeddedDatabaseUpgradeTest {

  @Test
  void givenADataDirectoryOfAnOlderWfx_whenStarted_thenItIsSecuredAndItsDataIsKept(
      @TempDir Path work) throws Exception {
    Path dataDir = work.resolve("postgres");
    makeTheWayAnOlderWfxDid(dataDir);

    ExecutionId id = ExecutionId.of("after-the-upgrade");
    WorkflowExecution execution =
        WorkflowExecution.restore(id, WorkspaceId.of("ws-a"), runningHistory(2));
    try (PostgresPersistence persistence =
        PostgresPersistence.start(DatabaseSettings.embedded(dataDir))) {
      // Written as the runtime role into tables the superuser created.
      assertEquals(
          SaveOutcome.SAVED,
          persistence.executions().append(execution, 0, execution.history(), creating(execution)));
    }

    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0);
        Connection connection =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      assertEquals("written by the superuser", single(statement, "SELECT note FROM older_data"));
      statement.execute("INSERT INTO older_data VALUES ('written by wfx')");
      assertEquals("2", single(statement, "SELECT count(*) FROM older_data"));
      assertEquals(
          "0",
          single(
              statement,
              "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> current_user"));
      assertEquals(
          "0",
          single(
              statement,
              "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                  + " WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> current_user"));
      assertEquals(
          "f", single(statement, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
      assertThrows(
          SQLException.class,
          () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "").close(),
          "the superuser still logs in without a password");
    }
    try (PostgresPersistence again = PostgresPersistence.start(DatabaseSettings.embedded(dataDir))) {
      assertEquals(
          runningHistory(2),
          dev.wfx.application.testing.Lookups.single(again.executions().find(id, java.util.Optional.empty(), Visibility.everywhere())).orElseThrow().history());
    }
  }

  @Test
  void givenAKeptPasswordThatNoLongerOpensIt_whenStarted_thenItFailsAndLeavesNoServerRunning(
      @TempDir Path work) throws Exception {
    Path dataDir = work.resolve("postgres");
    EmbeddedDatabase.start(dataDir, 0).close();
    Files.writeString(RuntimeRole.passwordFile(dataDir), RuntimeRole.newPassword());

    assertThrows(RuntimeException.class, () -> EmbeddedDatabase.start(dataDir, 0));

    assertTrue(
        EmbeddedDatabase.runningServer(dataDir).isEmpty(), "a server was left running on its own");
  }

  /**
   * As wfx did before it secured the server: the library's own initdb (trust), the migrations and
   * data written as the superuser postgres.
   */
  private static void makeTheWayAnOlderWfxDid(Path dataDir) throws Exception {
    try (EmbeddedPostgres older =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .start()) {
      Flyway.configure()
          .dataSource(older.getPostgresDatabase())
          .schemas("public")
          .defaultSchema("public")
          .locations("classpath:db/migration")
          .load()
          .migrate();
      try (Connection connection = older.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        assertEquals("postgres", single(statement, "SELECT current_user"));
        statement.execute("CREATE TABLE older_data (note text)");
        statement.execute("INSERT INTO older_data VALUES ('written by the superuser')");
      }
    }
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
