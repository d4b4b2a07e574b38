package dev.wfx.adapter.persistence.execution;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.testing.ExecutionsContract;
import dev.wfx.domain.execution.Executions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs the {@link Executions} contract against PostgreSQL. */
class PostgresExecutionsTest extends ExecutionsContract {

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
  protected Executions emptyExecutions() {
    database.truncate();
    return database.persistence().executions();
  }
}
