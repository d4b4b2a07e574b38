package dev.wfx.application.testing;

import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.Executions;

/** Runs the {@link Executions} contract against the in-memory fake. */
class InMemoryExecutionsTest extends ExecutionsContract {

  private InMemoryAuditTrail auditTrail;

  @Override
  protected Executions emptyExecutions() {
    auditTrail = new InMemoryAuditTrail();
    return new InMemoryExecutions(auditTrail);
  }

  @Override
  protected AuditTrail auditTrail() {
    return auditTrail;
  }

  @Override
  protected void refuseAuditEntries() {
    auditTrail.refuseEntries();
  }
}
