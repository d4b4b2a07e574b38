package dev.wfx.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.wfx.adapter.persistence.access.CachingApiKeys;
import dev.wfx.adapter.persistence.access.PostgresApiKeys;
import dev.wfx.adapter.persistence.audit.PostgresAuditTrail;
import dev.wfx.adapter.persistence.database.ChannelListener;
import dev.wfx.adapter.persistence.database.EmbeddedDatabase;
import dev.wfx.adapter.persistence.database.ReconnectingDataSource;
import dev.wfx.adapter.persistence.execution.PostgresExecutions;
import dev.wfx.adapter.persistence.execution.ProjectionRebuild;
import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.Executions;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The persistence adapter started: a migrated database (embedded when no URL is configured), its
 * connection pool and the repositories on it. Closing it closes the pool and stops what it started.
 */
public final class PostgresPersistence implements AutoCloseable {

  private final EmbeddedDatabase embedded;
  private final ReconnectingDataSource connections;
  private final DbClient dbClient;
  private final PostgresExecutions executions;
  private final ApiKeys apiKeys;
  private final CachingApiKeys apiKeyCache;
  private final PostgresAuditTrail auditTrail;

  private PostgresPersistence(
      EmbeddedDatabase embedded, HikariDataSource pool, DatabaseSettings settings) {
    this.embedded = embedded;
    this.connections = new ReconnectingDataSource(pool);
    // There is no Helidon HikariCP module at 4.5: the client borrows from our pool directly.
    JdbcConnectionPool clientConnections =
        () -> {
          try {
            return connections.getConnection();
          } catch (SQLException e) {
            throw new DbClientException("no database connection available", e);
          }
        };
    this.dbClient =
        JdbcClientBuilder.create()
            .connectionPool(clientConnections)
            .url(pool.getJdbcUrl())
            .build();
    this.executions = new PostgresExecutions(dbClient, connections);
    PostgresApiKeys storedKeys = new PostgresApiKeys(dbClient);
    this.apiKeyCache =
        settings.apiKeyCache()
            ? new CachingApiKeys(
                storedKeys, "schema " + settings.schema(), listeningConnections(pool, settings))
            : null;
    this.apiKeys = apiKeyCache == null ? storedKeys : apiKeyCache;
    this.auditTrail = new PostgresAuditTrail(dbClient);
  }

  /**
   * Connects to the configured PostgreSQL, or starts the embedded one, and brings its schema up to
   * date before anything is read.
   */
  public static PostgresPersistence start(DatabaseSettings settings) {
    EmbeddedDatabase embedded =
        settings.isEmbedded()
            ? EmbeddedDatabase.start(settings.embeddedDataDir(), settings.embeddedPort())
            : null;
    HikariDataSource pool = null;
    try {
      pool = pool(settings, embedded);
      migrate(pool, settings.schema());
      return new PostgresPersistence(embedded, pool, settings);
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  private static HikariDataSource pool(DatabaseSettings settings, EmbeddedDatabase embedded) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("wfx-postgres");
    config.setJdbcUrl(embedded == null ? settings.url() : embedded.jdbcUrl());
    config.setUsername(embedded == null ? settings.user() : embedded.user());
    String password = embedded == null ? settings.password() : embedded.password();
    if (!password.isEmpty()) {
      config.setPassword(password);
    }
    config.setSchema(settings.schema());
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    // A pooled connection is checked before use when idle; a dead database must fail that check
    // well within the connection timeout, not after Hikari's default 5 s.
    config.setValidationTimeout(
        Math.max(250, Math.min(1_000, settings.connectionTimeout().toMillis() / 2)));
    // The driver's own bounds, in whole seconds: opening a connection to a host that does not
    // answer, and a socket that stays silent (a database gone without closing the connection)
    // for longer than a statement may run. As text: HikariCP hands these to the driver as they
    // are, and the driver ignores a value that is not a String.
    int connectSeconds = wholeSeconds(settings.connectionTimeout());
    config.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
    config.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
    config.addDataSourceProperty(
        "socketTimeout", String.valueOf(wholeSeconds(settings.statementTimeout()) + connectSeconds));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    if (settings.transactionPooling()) {
      // A statement the driver prepares on the server lives in one server session, which a
      // transaction pooler gives the next transaction of anyone: "prepared statement S_2 already
      // exists" (PgBouncer before 1.21). Unnamed statements last one round trip and are safe.
      config.addDataSourceProperty("prepareThreshold", "0");
    }
    // Bounds every statement, so a stuck query frees its connection instead of draining the pool.
    config.setConnectionInitSql(
        "SET statement_timeout = " + settings.statementTimeout().toMillis());
    return new HikariDataSource(config);
  }

  /**
   * Plain connections with the pool's settings, for listening to key changes: a LISTEN lasts as
   * long as its session, so it cannot borrow a pooled connection for good, and behind a pooler it
   * goes to the database directly when a listen URL is given.
   */
  private static ChannelListener.Connector listeningConnections(
      HikariDataSource pool, DatabaseSettings settings) {
    String url = settings.isEmbedded() ? pool.getJdbcUrl() : settings.listeningUrl();
    Properties properties = ReconnectingDataSource.driverProperties(pool);
    return () -> DriverManager.getConnection(url, properties);
  }

  private static int wholeSeconds(Duration duration) {
    return Math.toIntExact(Math.max(1, (duration.toMillis() + 999) / 1_000));
  }

  /** Where the migrations are: SQL ones, and those that move data by the domain's rules. */
  public static final String[] MIGRATIONS = {
    "classpath:db/migration", "classpath:dev/wfx/adapter/persistence/migration"
  };

  private static void migrate(DataSource dataSource, String schema) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .defaultSchema(schema)
        .locations(MIGRATIONS)
        .load()
        .migrate();
  }

  public Executions executions() {
    return executions;
  }

  /** The maintenance step that derives stored events' projections again from their originals. */
  public ProjectionRebuild projectionRebuild() {
    return new ProjectionRebuild(connections);
  }

  public ApiKeys apiKeys() {
    return apiKeys;
  }

  public AuditTrail auditTrail() {
    return auditTrail;
  }

  /** Whether key lookups are served from memory now (off, or not listening: from the database). */
  public boolean apiKeyCacheInUse() {
    return apiKeyCache != null && apiKeyCache.isListening();
  }

  /** The pooled connections, for health checks and tools. */
  public DataSource dataSource() {
    return connections;
  }

  /** Whether a connection answers within a second. */
  public boolean isHealthy() {
    try (Connection connection = connections.getConnection()) {
      return connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  /** How the connection pool is used now, for metrics. */
  public PoolUsage poolUsage() {
    HikariDataSource pool = connections.pool();
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    return bean == null
        ? new PoolUsage(0, 0, 0, 0, pool.getMaximumPoolSize())
        : new PoolUsage(
            bean.getActiveConnections(),
            bean.getIdleConnections(),
            bean.getTotalConnections(),
            bean.getThreadsAwaitingConnection(),
            pool.getMaximumPoolSize());
  }

  /** The port of the embedded PostgreSQL, or -1 when the database is not embedded. */
  public int embeddedPort() {
    return embedded == null ? -1 : embedded.port();
  }

  @Override
  public void close() {
    try {
      if (apiKeyCache != null) {
        apiKeyCache.close();
      }
      dbClient.close();
      connections.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
