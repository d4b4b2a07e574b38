package dev.wfx.bootstrap.reliability;

import dev.wfx.adapter.persistence.DatabaseSettings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Test fixture: the configuration of a wfx on a given database, as the launcher builds it. */
final class Services {

  static final String ADMIN_KEY = "wfx-reliability-admin-key-0123456789abcdef";

  private Services() {}

  /** The configuration keys of a service on this database, listening on a free local port. */
  static Map<String, String> settings(DatabaseSettings database, int port) {
    Map<String, String> settings = new HashMap<>();
    settings.put("server.host", "127.0.0.1");
    settings.put("server.port", String.valueOf(port));
    settings.put("wfx.db.url", database.url());
    settings.put("wfx.db.user", database.user());
    settings.put("wfx.db.password", database.password());
    settings.put("wfx.db.schema", database.schema());
    settings.put("wfx.bootstrap-admin-key", ADMIN_KEY);
    settings.put("wfx.shutdown-grace", "PT10S");
    // These tests drive the store with many writers of one key at once, as races, outages and
    // load; admission (429) is tested on its own (TenantFairnessTest), so it lets them all in.
    settings.put("wfx.max-concurrent-writes", "64");
    settings.put("wfx.max-concurrent-writes-per-key", "64");
    return settings;
  }

  /** The configuration keys of a service on its default, an embedded PostgreSQL under {@code dataDir}. */
  static Map<String, String> embeddedSettings(Path dataDir, int port) {
    Map<String, String> settings = new HashMap<>();
    settings.put("server.host", "127.0.0.1");
    settings.put("server.port", String.valueOf(port));
    settings.put("wfx.data-dir", dataDir.toString());
    settings.put("wfx.bootstrap-admin-key", ADMIN_KEY);
    settings.put("wfx.shutdown-grace", "PT10S");
    // These tests drive the store with many writers of one key at once, as races, outages and
    // load; admission (429) is tested on its own (TenantFairnessTest), so it lets them all in.
    settings.put("wfx.max-concurrent-writes", "64");
    settings.put("wfx.max-concurrent-writes-per-key", "64");
    return settings;
  }

  static Config config(Map<String, String> settings) {
    return Config.builder()
        .disableEnvironmentVariablesSource()
        .disableSystemPropertiesSource()
        .addSource(ConfigSources.create(settings))
        .addSource(ConfigSources.classpath("application.yaml"))
        .build();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
