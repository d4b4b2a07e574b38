package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WfxConfigTest {

  /** What each pool and timeout variable ends up setting, read as the composition root reads it. */
  private static final Map<String, Function<Config, Object>> EFFECTS =
      Map.of(
          "WFX_AUDIT_RETENTION", config -> Settings.audit(config).retention(),
          "WFX_AUDIT_REFUSALS_PER_MINUTE", config -> Settings.audit(config).refusalsPerMinute(),
          "WFX_DB_POOL_SIZE", config -> Settings.database(config).poolSize(),
          "WFX_DB_CONNECTION_TIMEOUT", config -> Settings.database(config).connectionTimeout(),
          "WFX_DB_STATEMENT_TIMEOUT", config -> Settings.database(config).statementTimeout(),
          "WFX_SHUTDOWN_GRACE", Settings::shutdownGrace,
          "WFX_REQUEST_TIMEOUT", config -> Settings.rest(config).requestTimeout(),
          "WFX_BODY_READ_TIMEOUT", config -> Settings.rest(config).bodyReadTimeout(),
          "WFX_REQUEST_HEAD_TIMEOUT", config -> Settings.requestHeadTimeout(config).timeout());

  @ParameterizedTest
  @CsvSource({
    "WFX_DB_POOL_SIZE, wfx.db.pool-size, 7",
    "WFX_DB_CONNECTION_TIMEOUT, wfx.db.connection-timeout, PT3S",
    "WFX_DB_STATEMENT_TIMEOUT, wfx.db.statement-timeout, PT7S",
    "WFX_SHUTDOWN_GRACE, wfx.shutdown-grace, PT4S",
    "WFX_REQUEST_TIMEOUT, wfx.request-timeout, PT2.5S",
    "WFX_BODY_READ_TIMEOUT, wfx.body-read-timeout, PT12S",
    "WFX_REQUEST_HEAD_TIMEOUT, wfx.request-head-timeout, PT4S",
    "WFX_AUDIT_RETENTION, wfx.audit.retention, PT720H",
    "WFX_AUDIT_REFUSALS_PER_MINUTE, wfx.audit.refusals-per-minute, 20"
  })
  void givenAPoolOrTimeoutVariable_whenLoaded_thenItSetsItsKeyAndTakesEffect(
      String variable, String key, String value) {
    Config config = WfxConfig.load(Map.of(variable, value));

    assertEquals(key, WfxConfig.ENVIRONMENT_KEYS.get(variable));
    assertEquals(value, config.get(key).asString().get());
    Object expected = value.startsWith("PT") ? Duration.parse(value) : Integer.parseInt(value);
    assertEquals(expected, EFFECTS.get(variable).apply(config));
  }

  @Test
  void givenNoVariables_whenLoaded_thenTheDocumentedDefaultsHold() {
    Config config = WfxConfig.load(Map.of());

    assertEquals(10, Settings.database(config).poolSize());
    assertEquals(Duration.ofSeconds(2), Settings.database(config).connectionTimeout());
    assertEquals(Duration.ofSeconds(5), Settings.database(config).statementTimeout());
    assertEquals(Duration.ofSeconds(10), Settings.shutdownGrace(config));
    assertEquals(Duration.ofSeconds(10), Settings.rest(config).requestTimeout());
    assertEquals(Duration.ofSeconds(30), Settings.rest(config).bodyReadTimeout());
    assertTrue(Settings.database(config).apiKeyCache());
    assertEquals(Duration.ofSeconds(10), Settings.requestHeadTimeout(config).timeout());
    assertEquals(Duration.ofDays(90), Settings.audit(config).retention());
    assertEquals(60, Settings.audit(config).refusalsPerMinute());
  }

  @Test
  void givenANegativeRetentionOrNoRefusalsAMinute_whenLoaded_thenTheSettingIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Settings.audit(WfxConfig.load(Map.of("WFX_AUDIT_RETENTION", "-P1D"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> Settings.audit(WfxConfig.load(Map.of("WFX_AUDIT_REFUSALS_PER_MINUTE", "0"))));
    assertEquals(
        Duration.ZERO, Settings.audit(WfxConfig.load(Map.of("WFX_AUDIT_RETENTION", "PT0S"))).retention());
  }

  @Test
  void givenNoDataDirectory_whenLoaded_thenTheEmbeddedDataLiesInTheInstallationNotTheWorkingDirectory() {
    Path checkout = Path.of("").toAbsolutePath().getParent();

    assertEquals(
        checkout.resolve("data/postgres"),
        Settings.database(WfxConfig.load(Map.of())).embeddedDataDir());
  }

  @Test
  void givenARelativeDataDirectory_whenLoaded_thenItIsResolvedAgainstTheInstallation() {
    Path checkout = Path.of("").toAbsolutePath().getParent();

    assertEquals(
        checkout.resolve("state/wfx/postgres"),
        Settings.database(WfxConfig.load(Map.of("WFX_DATA_DIR", "state/./wfx"))).embeddedDataDir());
  }

  @Test
  void givenAnAbsoluteDataDirectory_whenLoaded_thenItIsTakenAsItIs() {
    assertEquals(
        Path.of("/var/lib/wfx/postgres"),
        Settings.database(WfxConfig.load(Map.of("WFX_DATA_DIR", "/var/lib/wfx"))).embeddedDataDir());
  }

  @Test
  void givenTheApiKeyCacheVariable_whenLoaded_thenOnlyTrueOrFalseIsTaken() {
    assertEquals("wfx.api-key-cache", WfxConfig.ENVIRONMENT_KEYS.get("WFX_API_KEY_CACHE"));
    assertFalse(Settings.database(WfxConfig.load(Map.of("WFX_API_KEY_CACHE", "false"))).apiKeyCache());
    assertTrue(Settings.database(WfxConfig.load(Map.of("WFX_API_KEY_CACHE", "TRUE"))).apiKeyCache());
    IllegalArgumentException typo =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.database(WfxConfig.load(Map.of("WFX_API_KEY_CACHE", "off"))));
    assertTrue(typo.getMessage().contains("wfx.api-key-cache"), typo.getMessage());
  }

  @Test
  void givenAPoolerAndTheDatabaseBehindIt_whenLoaded_thenPooledAndListeningUrlsDiffer() {
    var settings =
        Settings.database(
            WfxConfig.load(
                Map.of(
                    "WFX_DB_URL", "jdbc:postgresql://pgbouncer:6432/wfx",
                    "WFX_DB_LISTEN_URL", "jdbc:postgresql://db:5432/wfx",
                    "WFX_DB_TRANSACTION_POOLING", "true")));

    assertEquals("jdbc:postgresql://pgbouncer:6432/wfx", settings.url());
    assertEquals("jdbc:postgresql://db:5432/wfx", settings.listeningUrl());
    assertTrue(settings.transactionPooling());
  }

  @Test
  void givenNoListenUrl_whenLoaded_thenListeningGoesThroughTheDatabaseUrl() {
    var settings =
        Settings.database(WfxConfig.load(Map.of("WFX_DB_URL", "jdbc:postgresql://db:5432/wfx")));

    assertEquals("jdbc:postgresql://db:5432/wfx", settings.listeningUrl());
    assertFalse(settings.transactionPooling());
  }

  @Test
  void givenTransactionPoolingWithTheKeyCacheAndNoListenUrl_whenLoaded_thenTheWayOutIsNamed() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Settings.database(
                    WfxConfig.load(
                        Map.of(
                            "WFX_DB_URL", "jdbc:postgresql://pgbouncer:6432/wfx",
                            "WFX_DB_TRANSACTION_POOLING", "true"))));

    assertTrue(refused.getMessage().contains("WFX_DB_LISTEN_URL"), refused.getMessage());
    assertTrue(refused.getMessage().contains("WFX_API_KEY_CACHE=false"), refused.getMessage());
  }

  @Test
  void givenTransactionPoolingWithoutTheKeyCache_whenLoaded_thenNoListenUrlIsNeeded() {
    var settings =
        Settings.database(
            WfxConfig.load(
                Map.of(
                    "WFX_DB_URL", "jdbc:postgresql://pgbouncer:6432/wfx",
                    "WFX_DB_TRANSACTION_POOLING", "true",
                    "WFX_API_KEY_CACHE", "false")));

    assertTrue(settings.transactionPooling());
    assertFalse(settings.apiKeyCache());
  }

  @Test
  void givenAListenUrlOrPoolingWithoutADatabaseUrl_whenLoaded_thenItIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Settings.database(
                WfxConfig.load(Map.of("WFX_DB_LISTEN_URL", "jdbc:postgresql://db:5432/wfx"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> Settings.database(WfxConfig.load(Map.of("WFX_DB_TRANSACTION_POOLING", "true"))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Settings.database(
                WfxConfig.load(
                    Map.of(
                        "WFX_DB_URL", "jdbc:postgresql://db:5432/wfx",
                        "WFX_DB_LISTEN_URL", "postgres://db:5432/wfx"))));
  }
}
