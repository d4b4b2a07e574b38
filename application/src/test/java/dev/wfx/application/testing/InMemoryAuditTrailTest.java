package dev.wfx.application.testing;

import dev.wfx.domain.audit.AuditTrail;

/** Runs the {@link AuditTrail} contract against the in-memory fake. */
class InMemoryAuditTrailTest extends AuditTrailContract {

  @Override
  protected AuditTrail emptyAuditTrail() {
    return new InMemoryAuditTrail();
  }
}
