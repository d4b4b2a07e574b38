package dev.wfx.bootstrap;

import dev.wfx.adapter.persistence.DatabaseSettings;
import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.access.IssueApiKey;
import dev.wfx.application.access.IssueApiKeyService;
import dev.wfx.bootstrap.deployment.PgBouncer;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Test fixture: the real service ({@link WfxServer}, the real composition root) on a free port of
 * 127.0.0.1, on a fresh schema of the test PostgreSQL, configured by {@code WFX_*} variables as
 * {@code bin/wfx} would be ({@link #with()}); closing it stops the server and drops the schema.
 *
 * <p>With the system property {@code wfx.test.pgbouncer} ({@code session} or {@code transaction}),
 * the service reaches its database through a real PgBouncer in that pool mode, configured as the
 * deployment guide says (the listening sessions go to the database itself); the Maven profile
 * {@code deployment} runs the API suite so.
 */
public final class RunningService implements AutoCloseable {

  /** The first admin key {@link #start()} starts the service with (workspace {@code default}). */
  static final String ADMIN_KEY = "e2e-admin-key-0123456789abcdef";

  private final TestDatabase database;
  private final PgBouncer pooler;
  private final Map<String, String> environment;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final WfxServer server;
  private final ApiClient client;

  private RunningService(TestDatabase database, Map<String, String> environment) {
    this.database = database;
    this.environment = Map.copyOf(environment);
    PgBouncer started = null;
    try {
      started = pooler(database.settings());
      this.pooler = started;
      this.server = WfxServer.start(config(), new PrintStream(console, true, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      if (started != null) {
        started.close();
      }
      database.close();
      throw e;
    }
    this.client = new ApiClient(server.port());
  }

  /** The PgBouncer the system property {@code wfx.test.pgbouncer} asks for, or null. */
  private static PgBouncer pooler(DatabaseSettings db) {
    String mode = System.getProperty("wfx.test.pgbouncer", "");
    return mode.isBlank()
        ? null
        : PgBouncer.start(db.url(), db.user(), db.password(), db.schema(), PgBouncer.Mode.named(mode));
  }

  /** The service with {@link #ADMIN_KEY} as its first admin key, and the defaults otherwise. */
  static RunningService start() {
    return with().adminKey(ADMIN_KEY).start();
  }

  /** A service to configure; without settings, the defaults of {@code application.yaml}. */
  public static Settings with() {
    return new Settings();
  }

  /**
   * What a test sets, each as the {@code WFX_*} variable {@code bin/wfx} would be given: the
   * database and the listener are always the fixture's.
   */
  public static final class Settings {

    private final Map<String, String> environment = new HashMap<>();

    private Settings() {}

    /** {@code WFX_BOOTSTRAP_ADMIN_KEY}: the admin key a database without keys starts with. */
    public Settings adminKey(String key) {
      return set("WFX_BOOTSTRAP_ADMIN_KEY", key);
    }

    /** {@code WFX_MAX_BODY_BYTES}: the largest history body a POST may send. */
    public Settings bodyLimit(long bytes) {
      return set("WFX_MAX_BODY_BYTES", Long.toString(bytes));
    }

    /** {@code WFX_BODY_READ_TIMEOUT}: how long a client may send no body data. */
    public Settings bodyReadTimeout(Duration timeout) {
      return set("WFX_BODY_READ_TIMEOUT", timeout.toString());
    }

    /** {@code WFX_REQUEST_HEAD_TIMEOUT}: how long a client may take over a request head. */
    public Settings requestHeadTimeout(Duration timeout) {
      return set("WFX_REQUEST_HEAD_TIMEOUT", timeout.toString());
    }

    /** {@code WFX_MAX_CONCURRENT_WRITES}: the most writes in flight at once. */
    public Settings maxConcurrentWrites(int writes) {
      return set("WFX_MAX_CONCURRENT_WRITES", Integer.toString(writes));
    }

    /** {@code WFX_DB_POOL_SIZE}: the connections the service holds to the database. */
    public Settings poolSize(int connections) {
      return set("WFX_DB_POOL_SIZE", Integer.toString(connections));
    }

    /** {@code WFX_DOCUMENT_CACHE_BYTES}: memory for rendered documents; 0 renders every read. */
    public Settings documentCacheBytes(long bytes) {
      return set("WFX_DOCUMENT_CACHE_BYTES", Long.toString(bytes));
    }

    private Settings set(String variable, String value) {
      environment.put(variable, value);
      return this;
    }

    /** The service on a fresh schema. */
    public RunningService start() {
      return start(TestDatabase.start());
    }

    /**
     * The service on a schema the test has prepared, such as with keys stored before the start,
     * which then creates no admin key of its own; closing the service closes the database.
     */
    public RunningService start(TestDatabase database) {
      return new RunningService(database, environment);
    }
  }

  /**
   * The configuration of {@link WfxConfig#load}: the variables mapped to their keys over {@code
   * application.yaml}, with the test's database, schema and listener on top.
   */
  public Config config() {
    DatabaseSettings db = database.settings();
    Map<String, String> fixed = new HashMap<>();
    fixed.put("server.host", "127.0.0.1");
    fixed.put("server.port", "0");
    fixed.put("wfx.db.url", pooler == null ? db.url() : pooler.url());
    if (pooler != null) {
      fixed.put("wfx.db.listen-url", db.url());
      fixed.put(
          "wfx.db.transaction-pooling",
          String.valueOf(pooler.mode() == PgBouncer.Mode.TRANSACTION));
    }
    fixed.put("wfx.db.user", db.user());
    fixed.put("wfx.db.password", db.password());
    fixed.put("wfx.db.schema", db.schema());
    Map<String, String> fromEnvironment = new HashMap<>();
    WfxConfig.ENVIRONMENT_KEYS.forEach(
        (variable, key) -> {
          if (environment.containsKey(variable)) {
            fromEnvironment.put(key, environment.get(variable));
          }
        });
    return Config.builder()
        .disableEnvironmentVariablesSource()
        .disableSystemPropertiesSource()
        .addSource(ConfigSources.create(fixed))
        .addSource(ConfigSources.create(fromEnvironment))
        .addSource(ConfigSources.classpath("application.yaml"))
        .build();
  }

  /** A new key for that role, made by the real use case on the service's key store; its secret. */
  String issueKey(RoleType type, String workspace, boolean admin) {
    return issue(type, workspace, admin).secret();
  }

  IssueApiKey.IssuedKey issue(RoleType type, String workspace, boolean admin) {
    return new IssueApiKeyService(database.persistence().apiKeys(), Clock.systemUTC())
        .issue(new IssueApiKey.Command(type, WorkspaceId.of(workspace), admin));
  }

  ApiClient client() {
    return client;
  }

  public int port() {
    return server.port();
  }

  /** The database and schema the service uses, as the test server reaches it directly. */
  public DatabaseSettings databaseSettings() {
    return database.settings();
  }

  /** What the service printed on its console so far. */
  public String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  /** Runs one statement of plain SQL on the service's schema, as another process would. */
  void execute(String sql) {
    database.execute(sql);
  }

  /** The stored attributes of one event, as the row holds them. */
  String storedAttributes(String executionId, long eventId) {
    try (Connection connection = database.persistence().dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT attributes::text FROM history_events h JOIN runs r ON r.seq = h.run_seq"
                    + " WHERE r.execution_id = ? AND event_id = ?")) {
      select.setString(1, executionId);
      select.setLong(2, eventId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new AssertionError("no stored event " + eventId + " of " + executionId);
        }
        return row.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the stored event", e);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      if (pooler != null) {
        pooler.close();
      }
      database.close();
    }
  }
}
