package dev.wfx.adapter.persistence.access;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.testing.ApiKeysContract;
import dev.wfx.domain.access.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs the {@link ApiKeys} contract against PostgreSQL, with no cache in front. */
class PostgresApiKeysTest extends ApiKeysContract {

  private static TestDatabase database;

  @BeforeAll
  static void startDatabase() {
    database = TestDatabase.start();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Override
  protected ApiKeys emptyApiKeys() {
    database.truncate();
    return database.storedApiKeys();
  }
}
