package dev.wfx.adapter.persistence;

import dev.wfx.adapter.persistence.access.PostgresApiKeys;
import dev.wfx.adapter.persistence.database.EmbeddedDatabase;
import dev.wfx.domain.access.ApiKeys;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
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
import org.flywaydb.core.Flyway;
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
  private final DbClient dbClient;

  private TestDatabase(DatabaseSettings settings) {
    this.settings = settings;
    this.persistence = PostgresPersistence.start(settings);
    this.dbClient =
        JdbcClientBuilder.create()
            .connectionPool(
                () -> {
                  try {
                    return persistence.dataSource().getConnection();
                  } catch (SQLException e) {
                    throw new DbClientException("no test database connection", e);
                  }
                })
            .url(settings.url())
            .build();
  }

  /** Starts the adapter on a new, empty schema of the test server. */
  public static TestDatabase start() {
    Server at = server();
    String schema = "wfx_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    return new TestDatabase(
        DatabaseSettings.external(at.url(), at.user(), at.password()).withSchema(schema));
  }

  /** What a test writes into a schema as an older wfx would have, before the adapter starts. */
  public interface OlderData {
    void write(Connection connection) throws SQLException;
  }

  /**
   * Starts the adapter on a new schema that an older wfx had migrated up to {@code version} and
   * written {@code olderData} into: the adapter migrates it to the latest version as it starts.
   */
  public static TestDatabase startFrom(String version, OlderData olderData) {
    Server at = server();
    String schema = "wfx_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    Flyway.configure()
        .dataSource(at.url(), at.user(), at.password())
        .schemas(schema)
        .defaultSchema(schema)
        .locations(PostgresPersistence.MIGRATIONS)
        .target(version)
        .load()
        .migrate();
    Properties credentials = new Properties();
    credentials.setProperty("user", at.user());
    credentials.setProperty("password", at.password());
    credentials.setProperty("currentSchema", schema);
    try (Connection connection = DriverManager.getConnection(at.url(), credentials)) {
      olderData.write(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the older data", e);
    }
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

  /** The stored keys on the adapter's pool, without the adapter's cache in front. */
  public ApiKeys storedApiKeys() {
    return new PostgresApiKeys(dbClient);
  }

  /** A new connection to this schema, outside the adapter's pool; the caller closes it. */
  public Connection connect() throws SQLException {
    Server at = server();
    Properties credentials = new Properties();
    credentials.setProperty("user", at.user());
    credentials.setProperty("password", at.password());
    credentials.setProperty("currentSchema", settings.schema());
    return DriverManager.getConnection(at.url(), credentials);
  }

  /** Runs one statement of plain SQL on a connection of its own, as another process would. */
  public void execute(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on the test database", e);
    }
  }

  /** Empties every table, keeping the schema and its migrations. */
  public void truncate() {
    execute("TRUNCATE history_events, runs, api_keys, audit_writes");
  }

  @Override
  public void close() {
    dbClient.close();
    persistence.close();
    execute("DROP SCHEMA " + settings.schema() + " CASCADE");
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
      // Its binaries go beside it, so both in a directory of their own.
      Path dataDir = Files.createTempDirectory("wfx-test").resolve("postgres");
      EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
      return new Server(embedded.jdbcUrl(), embedded.user(), embedded.password());
    } catch (IOException e) {
      throw new UncheckedIOException("no test database: cannot make a data directory", e);
    }
  }
}
