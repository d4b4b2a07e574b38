package dev.wfx.bootstrap;

import dev.wfx.adapter.persistence.DatabaseSettings;
import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.access.IssueApiKey;
import dev.wfx.application.access.IssueApiKeyService;
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
import java.util.HashMap;
import java.util.Map;

/**
 * Test fixture: the real service ({@link WfxServer}, the real composition root) on a free port of
 * 127.0.0.1, on a fresh schema of the test PostgreSQL with a chosen first admin key; closing it
 * stops the server and drops the schema.
 */
final class RunningService implements AutoCloseable {

  /** The first admin key the service is started with (workspace {@code default}). */
  static final String ADMIN_KEY = "e2e-admin-key-0123456789abcdef";

  private final TestDatabase database;
  private final Map<String, String> environment;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final WfxServer server;
  private final ApiClient client;

  private RunningService(TestDatabase database, Map<String, String> environment) {
    this.database = database;
    this.environment = Map.copyOf(environment);
    try {
      this.server = WfxServer.start(config(), new PrintStream(console, true, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    this.client = new ApiClient(server.port());
  }

  /** The service with {@link #ADMIN_KEY} as its first admin key. */
  static RunningService start() {
    return start(Map.of("WFX_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY));
  }

  /**
   * The service configured by these {@code WFX_*} variables, as {@code bin/wfx} would be, except
   * that the database is a fresh schema of the test server and the port a free one of 127.0.0.1.
   */
  static RunningService start(Map<String, String> environment) {
    return new RunningService(TestDatabase.start(), environment);
  }

  /**
   * The configuration of {@link WfxConfig#load}: the variables mapped to their keys over {@code
   * application.yaml}, with the test's database, schema and listener on top.
   */
  Config config() {
    DatabaseSettings db = database.settings();
    Map<String, String> fixed = new HashMap<>();
    fixed.put("server.host", "127.0.0.1");
    fixed.put("server.port", "0");
    fixed.put("wfx.db.url", db.url());
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

  int port() {
    return server.port();
  }

  /** What the service printed on its console so far. */
  String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  /** The stored attributes of one event, as the row holds them. */
  String storedAttributes(String executionId, long eventId) {
    try (Connection connection = database.persistence().dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT attributes::text FROM history_events WHERE execution_id = ? AND event_id = ?")) {
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
      database.close();
    }
  }
}
