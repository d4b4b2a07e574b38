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
      Map.of(
          "WFX_PORT", "server.port",
          "WFX_HOST", "server.host",
          "WFX_DB_URL", "wfx.db.url",
          "WFX_DB_USER", "wfx.db.user",
          "WFX_DB_PASSWORD", "wfx.db.password",
          "WFX_DATA_DIR", "wfx.data-dir",
          "WFX_MAX_BODY_BYTES", "wfx.max-body-bytes",
          "WFX_DOCUMENT_CACHE_BYTES", "wfx.document-cache-bytes",
          "WFX_BOOTSTRAP_ADMIN_KEY", "wfx.bootstrap-admin-key",
          "WFX_BOOTSTRAP_WORKSPACE", "wfx.bootstrap-workspace");

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
