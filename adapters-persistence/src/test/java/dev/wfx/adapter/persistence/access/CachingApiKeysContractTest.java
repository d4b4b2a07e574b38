package dev.wfx.adapter.persistence.access;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.Poll;
import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.testing.ApiKeysContract;
import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.access.KeyDigest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the {@link ApiKeys} contract against the cache in front of PostgreSQL, listening, so that
 * every lookup after the first is served from memory.
 */
class CachingApiKeysContractTest extends ApiKeysContract {

  private static TestDatabase database;
  private CachingApiKeys keys;

  @BeforeAll
  static void startDatabase() {
    database = TestDatabase.start();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @AfterEach
  void stopListening() {
    keys.close();
  }

  @Override
  protected ApiKeys emptyApiKeys() {
    database.truncate();
    // A cache of its own per test: the truncate's notice is not awaited.
    keys = new CachingApiKeys(database.storedApiKeys(), "contract test", database::connect);
    keys.findByDigest(new KeyDigest("0".repeat(64)));
    assertTrue(Poll.until(keys::isListening), "the cache listens");
    return keys;
  }
}
