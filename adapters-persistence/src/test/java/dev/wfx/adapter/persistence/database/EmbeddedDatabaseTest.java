package dev.wfx.adapter.persistence.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second start on the directory of a live owner shares its server; the orphan of a killed owner
 * is covered with a real kill -9 in bootstrap's {@code CrashRecoveryTest}, since one JVM cannot
 * let go of the directory lock the way a dead one does.
 */
class EmbeddedDatabaseTest {

  @Test
  void givenAServerOfALiveOwner_whenStartedAgain_thenItIsSharedNotStopped(@TempDir Path work)
      throws Exception {
    Path dataDir = work.resolve("postgres");
    try (EmbeddedDatabase owner = EmbeddedDatabase.start(dataDir, 0)) {
      ProcessHandle server = EmbeddedDatabase.runningServer(dataDir).orElseThrow();
      try (EmbeddedDatabase tool = EmbeddedDatabase.start(dataDir, 0)) {
        assertEquals(owner.port(), tool.port());
      }
      assertTrue(server.isAlive());
      assertEquals(1, single(owner, "SELECT 1"));
      assertFalse(EmbeddedDatabase.ownerIsGone(EmbeddedDatabase.ownerFile(dataDir)));
    }
    assertTrue(EmbeddedDatabase.runningServer(dataDir).isEmpty(), "the owner stopped it");
    assertFalse(Files.exists(EmbeddedDatabase.ownerFile(dataDir)));
  }

  private static long single(EmbeddedDatabase database, String sql) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
