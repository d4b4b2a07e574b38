package dev.wfx.adapter.persistence.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.Poll;
import dev.wfx.adapter.persistence.PostgresPersistence;
import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.adapter.persistence.database.ChannelListener;
import dev.wfx.domain.access.ApiKey;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.access.KeyDigest;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * The cache of key lookups on PostgreSQL: hits stay in memory, a revoke through an adapter returns
 * once every listener has forgotten the key, a change by plain SQL is seen within milliseconds, a
 * lost listener means no hits until it is back, and an answer read before a change is never served
 * after it.
 */
class CachingApiKeysTest {

  // Issue #5: a revoked key is refused at once; a notification takes milliseconds.
  private static final Duration MOST_DELAY = Duration.ofSeconds(1);

  private static TestDatabase database;

  private CountingKeys store;
  private GatedConnector connector;
  private CachingApiKeys keys;

  @BeforeAll
  static void startDatabase() {
    database = TestDatabase.start();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @BeforeEach
  void listen() {
    store = new CountingKeys(database.storedApiKeys());
    connector = new GatedConnector();
    keys = new CachingApiKeys(store, "test", connector);
    keys.findByDigest(digest());
    assertTrue(Poll.until(keys::isListening), "the cache listens");
  }

  @AfterEach
  void stopListening() {
    keys.close();
  }

  @Test
  void givenAKeyFoundOnce_whenLookedUpAgain_thenItIsServedWithoutTheDatabase() {
    ApiKey key = stored();
    int before = store.lookups.get();

    keys.findByDigest(key.digest());
    store.failing = true;
    List<Optional<ApiKey>> again =
        List.of(keys.findByDigest(key.digest()), keys.findByDigest(key.digest()));

    assertEquals(before + 1, store.lookups.get(), "one lookup reached the database");
    assertEquals(List.of(Optional.of(key), Optional.of(key)), again);
  }

  @Test
  void givenAnUnknownDigest_whenAKeyWithItIsAddedElsewhere_thenItIsFoundAtOnce() {
    ApiKey key = key();

    Optional<ApiKey> before = keys.findByDigest(key.digest());
    database.storedApiKeys().add(key);
    Optional<ApiKey> after = keys.findByDigest(key.digest());

    assertEquals(Optional.empty(), before);
    assertEquals(Optional.of(key), after);
  }

  @Test
  void givenAHeldKey_whenAnotherAdapterRevokesIt_thenItIsRefusedTheMomentTheRevokeReturns() {
    ApiKey key = held();

    try (PostgresPersistence elsewhere = PostgresPersistence.start(database.settings())) {
      long start = System.nanoTime();
      assertTrue(elsewhere.apiKeys().revoke(key.id(), Instant.now()));
      long revokeMillis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(keys.findByDigest(key.digest()).orElseThrow().isRevoked());
      System.out.println("AUTHCACHE revoke_by_other_adapter_confirmed_ms=" + revokeMillis);
    }
  }

  @Test
  void givenAListenerThatHasNotConfirmed_whenAKeyIsRevoked_thenTheRevokeWaitsForIt()
      throws Exception {
    ApiKey key = stored();
    try (Connection slowListener = listenerSession();
        ExecutorService thread = Executors.newSingleThreadExecutor()) {
      Future<Boolean> revoke = thread.submit(() -> keys.revoke(key.id(), Instant.now()));

      Thread.sleep(300);
      boolean doneBeforeConfirmation = revoke.isDone();
      try (var statement = slowListener.createStatement()) {
        statement.execute(
            "SELECT pg_notify('wfx_api_keys_seen', pg_backend_pid() || ' " + key.id() + "')");
      }

      assertFalse(doneBeforeConfirmation, "the revoke waited for the listener");
      assertTrue(revoke.get(1, TimeUnit.SECONDS), "and returned once it confirmed");
    }
  }

  @Test
  void givenAListenerThatNeverConfirms_whenAKeyIsRevoked_thenTheRevokeReturnsAfterTheLease()
      throws SQLException {
    ApiKey key = stored();
    try (Connection stuckListener = listenerSession()) {
      long start = System.nanoTime();
      keys.revoke(key.id(), Instant.now());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertTrue(took.compareTo(Duration.ofSeconds(3)) >= 0, "waited the lease: " + took);
      assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "not much longer: " + took);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE api_keys SET revoked_at = now() WHERE id = '%s'",
        "DELETE FROM api_keys WHERE id = '%s'",
        "TRUNCATE api_keys"
      })
  void givenAHeldKey_whenPlainSqlRevokesOrRemovesIt_thenItIsRefusedWithinASecond(String sql) {
    ApiKey key = held();

    database.execute(sql.formatted(key.id()));
    long changed = System.nanoTime();
    Duration seenAfter = untilRefused(key, changed);

    System.out.println(
        "AUTHCACHE " + sql.split(" ")[0] + "_by_sql_seen_after_ms=" + millis(seenAfter));
    assertTrue(seenAfter.compareTo(MOST_DELAY) <= 0, "seen after " + millis(seenAfter) + " ms");
  }

  @Test
  void givenAHeldKey_whenTheListenerIsCutOffAndTheKeyRevoked_thenEveryLookupAsksTheDatabaseUntilItIsBack()
      throws SQLException {
    ApiKey key = held();

    cutOffListener();
    revokeBySql(key);
    int before = store.lookups.get();
    Optional<ApiKey> duringOutage = keys.findByDigest(key.digest());
    keys.findByDigest(key.digest());
    int askedDuringOutage = store.lookups.get() - before;
    connector.open = true;
    assertTrue(Poll.until(keys::isListening), "the listener came back");
    keys.findByDigest(key.digest());
    int afterReturn = store.lookups.get();
    Optional<ApiKey> heldAgain = keys.findByDigest(key.digest());

    assertTrue(duringOutage.orElseThrow().isRevoked(), "refused while not listening");
    assertEquals(2, askedDuringOutage, "no lookup served from memory while not listening");
    assertEquals(afterReturn, store.lookups.get(), "served from memory once listening again");
    assertTrue(heldAgain.orElseThrow().isRevoked());
  }

  @Test
  void givenAHeldKey_whenRevokedWhileTheListenerWasCutOff_thenItIsRefusedOnceItIsBack()
      throws SQLException {
    ApiKey key = held();

    cutOffListener();
    revokeBySql(key);
    connector.open = true;
    assertTrue(Poll.until(keys::isListening), "the listener came back");

    assertTrue(keys.findByDigest(key.digest()).orElseThrow().isRevoked());
  }

  @Test
  void givenALookupInFlight_whenTheKeyIsRevokedHereBeforeItEnds_thenItsAnswerIsNotKept()
      throws Exception {
    ApiKey key = stored();

    Optional<ApiKey> inFlight = lookUpPausedAfterRead(key, () -> keys.revoke(key.id(), Instant.now()));

    assertFalse(inFlight.orElseThrow().isRevoked(), "the lookup read the key before the revoke");
    assertTrue(keys.findByDigest(key.digest()).orElseThrow().isRevoked());
  }

  @Test
  void givenALookupInFlight_whenAnotherProcessRevokesTheKeyBeforeItEnds_thenItsAnswerIsNotKept()
      throws Exception {
    ApiKey key = stored();
    ApiKey witness = held();

    Optional<ApiKey> inFlight =
        lookUpPausedAfterRead(
            key,
            () -> {
              revokeBySql(key);
              // The witness is asked of the database again once the notification was handled.
              assertTrue(
                  Poll.until(
                      () -> {
                        int before = store.lookups.get();
                        keys.findByDigest(witness.digest());
                        return store.lookups.get() > before;
                      }),
                  "the notification was handled");
            });

    assertFalse(inFlight.orElseThrow().isRevoked(), "the lookup read the key before the revoke");
    assertTrue(keys.findByDigest(key.digest()).orElseThrow().isRevoked());
  }

  @Test
  void givenAListeningCache_whenClosed_thenItsConnectionEndsAndLookupsAskTheDatabase()
      throws SQLException {
    ApiKey key = held();
    int pid = connector.last.get().unwrap(PGConnection.class).getBackendPID();

    keys.close();
    int before = store.lookups.get();
    keys.findByDigest(key.digest());

    assertFalse(keys.isListening());
    assertEquals(before + 1, store.lookups.get());
    assertTrue(Poll.until(() -> !backendAlive(pid)), "the listening session ended");
  }

  /**
   * Looks the key up on another thread, which pauses right after reading the database while
   * {@code meanwhile} runs, then finishes; returns what that lookup answered.
   */
  private Optional<ApiKey> lookUpPausedAfterRead(ApiKey key, Interruption meanwhile)
      throws Exception {
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    store.afterNextRead.set(
        () -> {
          read.countDown();
          await(resume);
        });
    try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
      Future<Optional<ApiKey>> lookup = thread.submit(() -> keys.findByDigest(key.digest()));
      assertTrue(read.await(5, TimeUnit.SECONDS), "the lookup read the database");
      meanwhile.run();
      resume.countDown();
      return lookup.get(5, TimeUnit.SECONDS);
    }
  }

  private interface Interruption {
    void run() throws Exception;
  }

  /** Ends the listener's session and keeps it from reconnecting until the gate opens again. */
  private void cutOffListener() throws SQLException {
    connector.open = false;
    int pid = connector.last.get().unwrap(PGConnection.class).getBackendPID();
    database.execute("SELECT pg_terminate_backend(" + pid + ")");
    assertTrue(Poll.until(() -> !keys.isListening()), "the listener noticed it was cut off");
  }

  private Duration untilRefused(ApiKey key, long sinceNanos) {
    assertTrue(
        Poll.until(() -> keys.findByDigest(key.digest()).map(ApiKey::isRevoked).orElse(true)),
        "the change was seen");
    return Duration.ofNanos(System.nanoTime() - sinceNanos);
  }

  /** A session named as a listener, which confirms nothing unless the test makes it. */
  private static Connection listenerSession() throws SQLException {
    Connection connection = database.connect();
    connection.setClientInfo("ApplicationName", ChannelListener.sessionPrefix("wfx_api_keys") + " test");
    try (var statement = connection.createStatement()) {
      statement.execute("LISTEN wfx_api_keys");
    }
    return connection;
  }

  private boolean backendAlive(int pid) {
    try (Connection connection = database.connect();
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT 1 FROM pg_stat_activity WHERE pid = " + pid)) {
      return rows.next();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void revokeBySql(ApiKey key) {
    database.execute("UPDATE api_keys SET revoked_at = now() WHERE id = '" + key.id() + "'");
  }

  /** A key stored and looked up once, so that it is held. */
  private ApiKey held() {
    ApiKey key = stored();
    keys.findByDigest(key.digest());
    int before = store.lookups.get();
    assertEquals(Optional.of(key), keys.findByDigest(key.digest()));
    assertEquals(before, store.lookups.get(), "the key is held");
    return key;
  }

  private static ApiKey stored() {
    ApiKey key = key();
    database.storedApiKeys().add(key);
    return key;
  }

  private static ApiKey key() {
    return new ApiKey(
        new ApiKeyId(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())),
        digest(),
        new Role(RoleType.SERVICE, WorkspaceId.of("ws-1"), null, Role.MEMBER, "svc"),
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        null);
  }

  private static KeyDigest digest() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new KeyDigest(HexFormat.of().formatHex(bytes));
  }

  private static long millis(Duration duration) {
    return duration.toMillis();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(5, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never resumed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The stored keys, counting lookups; can fail them, or pause one right after its read. */
  private static final class CountingKeys implements ApiKeys {

    final AtomicInteger lookups = new AtomicInteger();
    final AtomicReference<Runnable> afterNextRead = new AtomicReference<>();
    volatile boolean failing;
    private final ApiKeys stored;

    CountingKeys(ApiKeys stored) {
      this.stored = stored;
    }

    @Override
    public Optional<ApiKey> findByDigest(KeyDigest digest) {
      lookups.incrementAndGet();
      if (failing) {
        throw new IllegalStateException("the database was asked");
      }
      Optional<ApiKey> found = stored.findByDigest(digest);
      Runnable pause = afterNextRead.getAndSet(null);
      if (pause != null) {
        pause.run();
      }
      return found;
    }

    @Override
    public void add(ApiKey key) {
      stored.add(key);
    }

    @Override
    public boolean addIfNoneExist(ApiKey key) {
      return stored.addIfNoneExist(key);
    }

    @Override
    public List<ApiKey> list() {
      return stored.list();
    }

    @Override
    public boolean revoke(ApiKeyId id, Instant at) {
      return stored.revoke(id, at);
    }
  }

  /** Connections to the test schema while open; refused while closed, as by a database down. */
  private static final class GatedConnector implements ChannelListener.Connector {

    volatile boolean open = true;
    final AtomicReference<Connection> last = new AtomicReference<>();

    @Override
    public Connection open() throws SQLException {
      if (!open) {
        throw new SQLTransientConnectionException("the test keeps the listener out", "08001");
      }
      Connection connection = database.connect();
      last.set(connection);
      return connection;
    }
  }
}
