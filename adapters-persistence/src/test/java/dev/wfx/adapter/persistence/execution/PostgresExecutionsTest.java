package dev.wfx.adapter.persistence.execution;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.testing.ExecutionsContract;
import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.Executions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs the {@link Executions} contract against PostgreSQL. */
class PostgresExecutionsTest extends ExecutionsContract {

  // Checks only rows inserted from now on (NOT VALID), so every later audit insert fails.
  private static final String REFUSE_ENTRIES =
      "ALTER TABLE audit_writes ADD CONSTRAINT test_refuses_entries CHECK (false) NOT VALID";
  private static final String ACCEPT_ENTRIES =
      "ALTER TABLE audit_writes DROP CONSTRAINT IF EXISTS test_refuses_entries";

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
    database.execute(ACCEPT_ENTRIES);
    database.truncate();
    return database.persistence().executions();
  }

  @Override
  protected AuditTrail auditTrail() {
    return database.persistence().auditTrail();
  }

  @Override
  protected void refuseAuditEntries() {
    database.execute(REFUSE_ENTRIES);
  }
}
