package dev.wfx.adapter.persistence.execution;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.testing.ExecutionsContract;
import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.Executions;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfx.application.testing.AuditEntries;
import dev.wfx.application.testing.Lookups;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.testing.Events;
import dev.wfx.domain.workspace.Visibility;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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

  @Test
  void givenEventsStoredWithOriginals_whenTheRunIsLoaded_thenTheOriginalsStayInTheStore() {
    Executions executions = emptyExecutions();
    List<HistoryEvent> history = withOriginals(Events.runningHistory(3));
    WorkflowExecution started = WorkflowExecution.restore(ID, WS_A, history);
    executions.append(started, 0, history, AuditEntries.creating(started));

    WorkflowExecution loaded =
        Lookups.single(executions.find(ID, Optional.empty(), Visibility.everywhere())).orElseThrow();

    assertEquals(Events.runningHistory(3), loaded.history());
  }
}
