package dev.wfx.adapter.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configuration: where the database is and how to use it; bootstrap builds it from its config.
 *
 * @param url the JDBC URL of the PostgreSQL to use; null to start an embedded PostgreSQL
 * @param user ignored by the embedded PostgreSQL, which wfx uses as its own role {@code wfx}
 * @param password may be empty; ignored by the embedded PostgreSQL, whose password wfx makes and
 *     keeps in its data directory
 * @param schema the schema that holds the tables, created by the migrations when missing
 * @param poolSize the most connections the pool opens
 * @param connectionTimeout how long a caller waits for a pooled connection, and the driver for a
 *     new one; a request that meets a dead database fails after about this long
 * @param statementTimeout how long one statement may run before PostgreSQL cancels it
 * @param embeddedDataDir the embedded PostgreSQL's data directory, kept across restarts
 * @param embeddedPort the embedded PostgreSQL's port; 0 for any free port
 * @param apiKeyCache whether keys found by digest are kept in memory between changes, which
 *     PostgreSQL notifies (LISTEN/NOTIFY)
 * @param listenUrl the JDBC URL of the sessions that LISTEN, when {@code url} leads through a
 *     connection pooler that does not carry notifications; null to listen through {@code url}
 * @param transactionPooling whether {@code url} leads through a pooler in transaction mode (such as
 *     PgBouncer's {@code pool_mode = transaction}), which hands each transaction to whichever server
 *     session is free: the driver then prepares no statement on the server, and LISTEN, which lasts
 *     as long as its session, needs the {@code listenUrl} or no key cache
 */
public record DatabaseSettings(
    String url,
    String user,
    String password,
    String schema,
    int poolSize,
    Duration connectionTimeout,
    Duration statementTimeout,
    Path embeddedDataDir,
    int embeddedPort,
    boolean apiKeyCache,
    String listenUrl,
    boolean transactionPooling) {

  private static final String JDBC_PREFIX = "jdbc:postgresql:";

  public static final String DEFAULT_SCHEMA = "public";
  public static final int DEFAULT_POOL_SIZE = 10;
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
  public static final Path DEFAULT_EMBEDDED_DATA_DIR = Path.of("data", "postgres");

  // Schema names end up in SQL (search_path, DROP SCHEMA), so only plain identifiers are allowed.
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public DatabaseSettings {
    if (url != null && !url.startsWith(JDBC_PREFIX)) {
      throw new IllegalArgumentException("the database URL must be a jdbc:postgresql: URL");
    }
    if (listenUrl != null && !listenUrl.startsWith(JDBC_PREFIX)) {
      throw new IllegalArgumentException("the listen URL must be a jdbc:postgresql: URL");
    }
    if (url == null && (listenUrl != null || transactionPooling)) {
      throw new IllegalArgumentException(
          "a listen URL and transaction pooling apply to a database URL; the embedded PostgreSQL"
              + " is reached directly");
    }
    if (transactionPooling && apiKeyCache && listenUrl == null) {
      throw new IllegalArgumentException(
          "behind a pooler in transaction mode, LISTEN needs a direct connection: give the listen"
              + " URL of the database itself, or turn the API key cache off");
    }
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(schema, "schema");
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be a lower-case SQL identifier of [a-z0-9_], was '" + schema + "'");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, was " + poolSize);
    }
    requirePositive(connectionTimeout, "connectionTimeout");
    requirePositive(statementTimeout, "statementTimeout");
    Objects.requireNonNull(embeddedDataDir, "embeddedDataDir");
    if (embeddedPort < 0 || embeddedPort > 65_535) {
      throw new IllegalArgumentException("embedded port must be 0 to 65535, was " + embeddedPort);
    }
  }

  /** An existing PostgreSQL server, with the default pool and timeouts. */
  public static DatabaseSettings external(String url, String user, String password) {
    Objects.requireNonNull(url, "url");
    return new DatabaseSettings(
        url,
        user,
        password,
        DEFAULT_SCHEMA,
        DEFAULT_POOL_SIZE,
        DEFAULT_CONNECTION_TIMEOUT,
        DEFAULT_STATEMENT_TIMEOUT,
        DEFAULT_EMBEDDED_DATA_DIR,
        0,
        true,
        null,
        false);
  }

  /** An embedded PostgreSQL keeping its data in {@code dataDir}, on any free port. */
  public static DatabaseSettings embedded(Path dataDir) {
    return new DatabaseSettings(
        null,
        "postgres",
        "",
        DEFAULT_SCHEMA,
        DEFAULT_POOL_SIZE,
        DEFAULT_CONNECTION_TIMEOUT,
        DEFAULT_STATEMENT_TIMEOUT,
        dataDir,
        0,
        true,
        null,
        false);
  }

  public boolean isEmbedded() {
    return url == null;
  }

  public DatabaseSettings withSchema(String otherSchema) {
    return new DatabaseSettings(
        url,
        user,
        password,
        otherSchema,
        poolSize,
        connectionTimeout,
        statementTimeout,
        embeddedDataDir,
        embeddedPort,
        apiKeyCache,
        listenUrl,
        transactionPooling);
  }

  public DatabaseSettings withPoolSize(int size) {
    return new DatabaseSettings(
        url,
        user,
        password,
        schema,
        size,
        connectionTimeout,
        statementTimeout,
        embeddedDataDir,
        embeddedPort,
        apiKeyCache,
        listenUrl,
        transactionPooling);
  }

  public DatabaseSettings withApiKeyCache(boolean enabled) {
    return new DatabaseSettings(
        url,
        user,
        password,
        schema,
        poolSize,
        connectionTimeout,
        statementTimeout,
        embeddedDataDir,
        embeddedPort,
        enabled,
        listenUrl,
        transactionPooling);
  }

  /**
   * Behind a connection pooler: the pooled connections go to {@code url}, the listening sessions to
   * {@code directUrl} (null: through {@code url} too, which a session-mode pooler carries).
   */
  public DatabaseSettings behindPooler(String directUrl, boolean transactionMode) {
    return new DatabaseSettings(
        url,
        user,
        password,
        schema,
        poolSize,
        connectionTimeout,
        statementTimeout,
        embeddedDataDir,
        embeddedPort,
        apiKeyCache,
        directUrl,
        transactionMode);
  }

  /** Where the sessions that LISTEN connect: the listen URL, else the database URL. */
  public String listeningUrl() {
    return listenUrl == null ? url : listenUrl;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url="
        + (url == null ? "embedded:" + embeddedDataDir : url)
        + ", user="
        + user
        + ", schema="
        + schema
        + ", poolSize="
        + poolSize
        + ", apiKeyCache="
        + apiKeyCache
        + (listenUrl == null ? "" : ", listenUrl=" + listenUrl)
        + (transactionPooling ? ", transactionPooling=true" : "")
        + "]";
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
  }
}
