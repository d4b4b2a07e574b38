package dev.wfx.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads the configuration: {@code application.yaml} on the class path, overridden by the
 * documented {@code WFX_*} environment variables, which scripts and users rely on.
 */
public final class WfxConfig {

  /** Environment variable → configuration key. */
  static final Map<String, String> ENVIRONMENT_KEYS =
      Map.ofEntries(
          Map.entry("WFX_PORT", "server.port"),
          Map.entry("WFX_HOST", "server.host"),
          Map.entry("WFX_DB_URL", "wfx.db.url"),
          Map.entry("WFX_DB_USER", "wfx.db.user"),
          Map.entry("WFX_DB_PASSWORD", "wfx.db.password"),
          Map.entry("WFX_DB_POOL_SIZE", "wfx.db.pool-size"),
          Map.entry("WFX_DB_CONNECTION_TIMEOUT", "wfx.db.connection-timeout"),
          Map.entry("WFX_DB_STATEMENT_TIMEOUT", "wfx.db.statement-timeout"),
          Map.entry("WFX_DB_LISTEN_URL", "wfx.db.listen-url"),
          Map.entry("WFX_DB_TRANSACTION_POOLING", "wfx.db.transaction-pooling"),
          Map.entry("WFX_DATA_DIR", "wfx.data-dir"),
          Map.entry("WFX_MAX_BODY_BYTES", "wfx.max-body-bytes"),
          Map.entry("WFX_MAX_BATCH_EVENTS", "wfx.max-batch-events"),
          Map.entry("WFX_MAX_CONCURRENT_WRITES", "wfx.max-concurrent-writes"),
          Map.entry("WFX_MAX_CONCURRENT_WRITES_PER_KEY", "wfx.max-concurrent-writes-per-key"),
          Map.entry("WFX_DOCUMENT_CACHE_BYTES", "wfx.document-cache-bytes"),
          Map.entry("WFX_API_KEY_CACHE", "wfx.api-key-cache"),
          Map.entry("WFX_REQUEST_TIMEOUT", "wfx.request-timeout"),
          Map.entry("WFX_BODY_READ_TIMEOUT", "wfx.body-read-timeout"),
          Map.entry("WFX_REQUEST_HEAD_TIMEOUT", "wfx.request-head-timeout"),
          Map.entry("WFX_SHUTDOWN_GRACE", "wfx.shutdown-grace"),
          Map.entry("WFX_AUDIT_RETENTION", "wfx.audit.retention"),
          Map.entry("WFX_AUDIT_REFUSALS_PER_MINUTE", "wfx.audit.refusals-per-minute"),
          Map.entry("WFX_BOOTSTRAP_ADMIN_KEY", "wfx.bootstrap-admin-key"),
          Map.entry("WFX_BOOTSTRAP_WORKSPACE", "wfx.bootstrap-workspace"));

  private WfxConfig() {}

  public static Config load(Map<String, String> environment) {
    Map<String, String> overrides = new HashMap<>();
    ENVIRONMENT_KEYS.forEach(
        (variable, key) -> {
          String value = environment.get(variable);
          if (value != null) {
            overrides.put(key, value);
          }
        });
    return Config.builder()
        .disableEnvironmentVariablesSource()
        .addSource(ConfigSources.create(overrides))
        .addSource(ConfigSources.systemProperties())
        .addSource(ConfigSources.classpath("application.yaml"))
        .build();
  }
}
