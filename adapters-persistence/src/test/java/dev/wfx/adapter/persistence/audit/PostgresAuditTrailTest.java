package dev.wfx.adapter.persistence.audit;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.testing.AuditTrailContract;
import dev.wfx.domain.audit.AuditTrail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs the {@link AuditTrail} contract against PostgreSQL. */
class PostgresAuditTrailTest extends AuditTrailContract {

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
  protected AuditTrail emptyAuditTrail() {
    database.truncate();
    return database.persistence().auditTrail();
  }
}
