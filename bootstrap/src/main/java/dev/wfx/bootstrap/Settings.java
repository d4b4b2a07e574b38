package dev.wfx.bootstrap;

import dev.wfx.adapter.persistence.DatabaseSettings;
import dev.wfx.adapter.rest.connection.RequestHeadTimeout;
import dev.wfx.adapter.rest.execution.RestSettings;
import dev.wfx.adapter.rest.execution.WriteLimits;
import dev.wfx.application.access.IssueApiKeyService;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Reads the adapters' settings out of the configuration, with clear errors for bad values. */
final class Settings {

  private Settings() {}

  static DatabaseSettings database(Config config) {
    Config db = config.get("wfx.db");
    String url = db.get("url").asString().orElse("").trim();
    Path dataDir = dataDirectory(config).resolve("postgres");
    String listenUrl =
        db.get("listen-url").asString().map(String::trim).filter(value -> !value.isEmpty()).orElse(null);
    boolean transactionPooling = flag(db.get("transaction-pooling"), false);
    boolean apiKeyCache = flag(config.get("wfx.api-key-cache"), true);
    if (transactionPooling && apiKeyCache && listenUrl == null) {
      throw new IllegalArgumentException(
          "WFX_DB_TRANSACTION_POOLING=true: LISTEN for key changes needs a direct connection; set"
              + " WFX_DB_LISTEN_URL to the database itself (not the pooler), or"
              + " WFX_API_KEY_CACHE=false");
    }
    return new DatabaseSettings(
        url.isEmpty() ? null : url,
        db.get("user").asString().orElse("postgres"),
        db.get("password").asString().orElse(""),
        db.get("schema").asString().orElse(DatabaseSettings.DEFAULT_SCHEMA),
        db.get("pool-size").asInt().orElse(DatabaseSettings.DEFAULT_POOL_SIZE),
        duration(db.get("connection-timeout"), DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT),
        duration(db.get("statement-timeout"), DatabaseSettings.DEFAULT_STATEMENT_TIMEOUT),
        dataDir,
        db.get("embedded-port").asInt().orElse(0),
        apiKeyCache,
        listenUrl,
        transactionPooling);
  }

  /**
   * {@code wfx.data-dir}; a relative one lies in the installation, not in the directory a command
   * happens to start in, so that the service and {@code wfx keys} meet the same database.
   */
  static Path dataDirectory(Config config) {
    return Installation.directory()
        .resolve(config.get("wfx.data-dir").asString().orElse("data"))
        .normalize();
  }

  static RestSettings rest(Config config) {
    return new RestSettings(
        config
            .get("wfx.max-body-bytes")
            .asLong()
            .orElse(RestSettings.DEFAULT_MAX_HISTORY_BODY_BYTES),
        config
            .get("wfx.document-cache-bytes")
            .asLong()
            .orElse(RestSettings.DEFAULT_DOCUMENT_CACHE_BYTES),
        duration(config.get("wfx.body-read-timeout"), RestSettings.DEFAULT_BODY_READ_TIMEOUT),
        duration(config.get("wfx.request-timeout"), RestSettings.DEFAULT_REQUEST_TIMEOUT),
        writeLimits(config));
  }

  /**
   * Events per batch (default 51,200, Temporal's limit per history) and writes in flight: by default
   * half the database pool overall, so that reads keep the other half, and two per key.
   */
  static WriteLimits writeLimits(Config config) {
    int poolSize = database(config).poolSize();
    return new WriteLimits(
        config.get("wfx.max-batch-events").asInt().orElse(WriteLimits.DEFAULT_MAX_BATCH_EVENTS),
        config.get("wfx.max-concurrent-writes").asInt().orElse(Math.max(1, poolSize / 2)),
        config
            .get("wfx.max-concurrent-writes-per-key")
            .asInt()
            .orElse(WriteLimits.DEFAULT_MAX_CONCURRENT_WRITES_PER_KEY));
  }

  /**
   * How long a client may take over its request line and, after it, over its header lines
   * (default 10 s); an idle keep-alive connection is closed after it too.
   */
  static RequestHeadTimeout requestHeadTimeout(Config config) {
    return new RequestHeadTimeout(
        duration(config.get("wfx.request-head-timeout"), RequestHeadTimeout.DEFAULT));
  }

  /** How long a stopping service waits for requests in flight (default 10 s). */
  static Duration shutdownGrace(Config config) {
    Duration grace = duration(config.get("wfx.shutdown-grace"), Duration.ofSeconds(10));
    if (grace.isNegative()) {
      throw new IllegalArgumentException("wfx.shutdown-grace must not be negative, was " + grace);
    }
    return grace;
  }

  /** The audit trail's retention (default 90 days, zero: forever) and refusals recorded per key. */
  static AuditHousekeeping.Settings audit(Config config) {
    Config audit = config.get("wfx.audit");
    return new AuditHousekeeping.Settings(
        duration(audit.get("retention"), AuditHousekeeping.Settings.DEFAULT_RETENTION),
        audit
            .get("refusals-per-minute")
            .asInt()
            .orElse(AuditHousekeeping.Settings.DEFAULT_REFUSALS_PER_MINUTE));
  }

  static Optional<String> bootstrapAdminKey(Config config) {
    Optional<String> key =
        config.get("wfx.bootstrap-admin-key").asString().filter(value -> !value.isBlank());
    key.ifPresent(IssueApiKeyService::requireStrongChosenSecret);
    return key;
  }

  static WorkspaceId bootstrapWorkspace(Config config) {
    String value = config.get("wfx.bootstrap-workspace").asString().orElse("default");
    return WorkspaceId.parse(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "wfx.bootstrap-workspace must be " + WorkspaceId.ACCEPTED_FORM));
  }

  /** Only {@code true} or {@code false}: a typo must not turn a setting off silently. */
  private static boolean flag(Config value, boolean fallback) {
    return value
        .asString()
        .map(
            text ->
                switch (text.trim().toLowerCase(Locale.ROOT)) {
                  case "true" -> true;
                  case "false" -> false;
                  default ->
                      throw new IllegalArgumentException(
                          value.key() + " must be true or false, was '" + text + "'");
                })
        .orElse(fallback);
  }

  private static Duration duration(Config value, Duration fallback) {
    return value.asString().map(Duration::parse).orElse(fallback);
  }
}
