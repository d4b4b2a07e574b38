package dev.wfx.adapter.persistence;

import dev.wfx.adapter.persistence.database.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Test fixture: a started {@link PostgresPersistence} in a schema of its own, dropped on close, so
 * that test classes and concurrent runs on one server cannot disturb each other.
 *
 * <p>The server is the one {@code WFX_TEST_DB_URL} names (CI sets it), else a Testcontainers
 * PostgreSQL when a Docker daemon answers, else an embedded PostgreSQL. Nothing is skipped: when
 * none can be had, the tests fail.
 */
public final class TestDatabase implements AutoCloseable {

  private record Server(String url, String user, String password) {}

  private static Server server;

  private final DatabaseSettings settings;
  private final PostgresPersistence persistence;

  private TestDatabase(DatabaseSettings settings) {
    this.settings = settings;
    this.persistence = PostgresPersistence.start(settings);
  }

  /** Starts the adapter on a new, empty schema of the test server. */
  public static TestDatabase start() {
    Server at = server();
    String schema = "wfx_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    return new TestDatabase(
        DatabaseSettings.external(at.url(), at.user(), at.password()).withSchema(schema));
  }

  public PostgresPersistence persistence() {
    return persistence;
  }

  /** The settings of this schema, to start a second adapter on it (such as the whole service). */
  public DatabaseSettings settings() {
    return settings;
  }

  /** Empties every table, keeping the schema and its migrations. */
  public void truncate() {
    execute("TRUNCATE history_events, executions, api_keys, audit_writes");
  }

  @Override
  public void close() {
    persistence.close();
    execute("DROP SCHEMA " + settings.schema() + " CASCADE");
  }

  /** Runs one statement in this schema, outside the adapter (to set a test's stage). */
  public void execute(String sql) {
    Server at = server();
    Properties credentials = new Properties();
    credentials.setProperty("user", at.user());
    credentials.setProperty("password", at.password());
    credentials.setProperty("currentSchema", settings.schema());
    try (Connection connection = DriverManager.getConnection(at.url(), credentials);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on the test database", e);
    }
  }

  private static synchronized Server server() {
    if (server == null) {
      server = findServer();
    }
    return server;
  }

  private static Server findServer() {
    String url = System.getenv("WFX_TEST_DB_URL");
    if (url != null && !url.isBlank()) {
      return new Server(
          url,
          System.getenv().getOrDefault("WFX_TEST_DB_USER", "postgres"),
          System.getenv().getOrDefault("WFX_TEST_DB_PASSWORD", ""));
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
    try {
      Path dataDir = Files.createTempDirectory("wfx-test-postgres");
      EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
      return new Server(embedded.jdbcUrl(), embedded.user(), "");
    } catch (IOException e) {
      throw new UncheckedIOException("no test database: cannot make a data directory", e);
    }
  }
}
