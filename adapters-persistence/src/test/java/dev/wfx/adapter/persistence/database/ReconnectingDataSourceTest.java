package dev.wfx.adapter.persistence.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.wfx.adapter.persistence.DatabaseSettings;
import dev.wfx.adapter.persistence.PostgresPersistence;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an outage long enough for the pool's reconnect backoff to reach its 5 s ceiling, the
 * database is used again as soon as it is back, not when the pool next tries.
 */
class ReconnectingDataSourceTest {

  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  @Test
  void givenALongOutage_whenTheDatabaseReturns_thenConnectionsAreHadWithinTheConnectionTimeout(
      @TempDir Path dataDir) throws Exception {
    int port = freePort();
    Path postgres = dataDir.resolve("postgres");
    EmbeddedDatabase database = EmbeddedDatabase.start(postgres, port);
    try (PostgresPersistence persistence =
        PostgresPersistence.start(
            new DatabaseSettings(
                "jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres",
                "",
                DatabaseSettings.DEFAULT_SCHEMA,
                2,
                CONNECTION_TIMEOUT,
                Duration.ofSeconds(5),
                postgres,
                0))) {
      assertTrue(persistence.isHealthy());

      database.close();
      // The pool drops its connections and keeps failing to open new ones, backing off each time.
      persistence.dataSource().unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
      long outageEnds = System.nanoTime() + Duration.ofSeconds(7).toNanos();
      while (System.nanoTime() < outageEnds) {
        assertFalse(persistence.isHealthy());
      }
      database = EmbeddedDatabase.start(postgres, port);
      long back = System.nanoTime();
      while (!persistence.isHealthy()) {
        Thread.sleep(50);
      }
      long recoveredMillis = (System.nanoTime() - back) / 1_000_000;

      // Without the reviver the pool's own retry can be up to 5 s away.
      assertTrue(recoveredMillis <= 1_500, "connections came back after " + recoveredMillis + " ms");
    } finally {
      database.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
