package dev.wfx.adapter.persistence.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.wfx.adapter.persistence.DatabaseSettings;
import dev.wfx.adapter.persistence.PostgresPersistence;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.workspace.Visibility;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an outage the database is used again as soon as it is back, not when the pool's reconnect
 * backoff next tries, and no connection stays lent to a caller that failed during it.
 */
class ReconnectingDataSourceTest {

  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  @Test
  void givenThePoolsDriverSettings_whenProbing_thenTheDriverCanReadEveryOne() {
    HikariConfig config = new HikariConfig();
    config.setUsername("wfx");
    config.setPassword("secret");
    config.addDataSourceProperty("connectTimeout", 2);
    config.addDataSourceProperty("tcpKeepAlive", true);

    Properties properties = ReconnectingDataSource.driverProperties(config);

    // Properties.getProperty sees String values only, as the driver does.
    assertEquals("2", properties.getProperty("connectTimeout"));
    assertEquals("true", properties.getProperty("tcpKeepAlive"));
    assertEquals("wfx", properties.getProperty("user"));
    assertEquals("secret", properties.getProperty("password"));
  }

  @Test
  void givenALongOutage_whenTheDatabaseReturns_thenConnectionsAreHadWithinTheConnectionTimeout(
      @TempDir Path dataDir) throws Exception {
    int port = freePort();
    Path postgres = dataDir.resolve("postgres");
    EmbeddedDatabase database = EmbeddedDatabase.start(postgres, port);
    try (PostgresPersistence persistence = connectedTo(database, postgres, 2)) {
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

  /** The adapter on the test's own server, as to an external database (no embedded start). */
  private static PostgresPersistence connectedTo(
      EmbeddedDatabase database, Path dataDir, int poolSize) {
    return PostgresPersistence.start(
        new DatabaseSettings(
            database.jdbcUrl(),
            database.user(),
            database.password(),
            DatabaseSettings.DEFAULT_SCHEMA,
            poolSize,
            CONNECTION_TIMEOUT,
            Duration.ofSeconds(5),
            dataDir,
            0,
            true,
            null,
            false));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void givenAHardStopUnderReads_whenTheDatabaseReturns_thenNoConnectionStaysLent(
      @TempDir Path dataDir) throws Exception {
    int port = freePort();
    Path postgres = dataDir.resolve("postgres");
    EmbeddedDatabase database = EmbeddedDatabase.start(postgres, port);
    try (PostgresPersistence persistence = connectedTo(database, postgres, 4)) {
      ExecutionId id = ExecutionId.of("leak-check");
      Visibility everywhere = Visibility.everywhere();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> readers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        readers.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (running.get()) {
                        try {
                          persistence.executions().find(id, Optional.empty(), everywhere);
                          persistence.executions().version(id, Optional.empty(), everywhere);
                        } catch (RuntimeException expectedDuringTheOutage) {
                          // the store is unavailable for a while
                        }
                      }
                    }));
      }
      Thread.sleep(500);
      database.close();
      Thread.sleep(3_000);
      database = EmbeddedDatabase.start(postgres, port);
      Thread.sleep(3_000);
      running.set(false);
      for (Thread reader : readers) {
        reader.join();
      }
      Thread.sleep(500);

      assertTrue(persistence.isHealthy());
      assertEquals(0, persistence.poolUsage().active(), persistence.poolUsage().toString());
    } finally {
      database.close();
    }
  }
}
