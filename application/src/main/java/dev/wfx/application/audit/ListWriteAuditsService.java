package dev.wfx.application.audit;

import dev.wfx.domain.audit.AuditTrail;
import java.util.Objects;

/** Hands the latest audit entries to admins; the trail spans every workspace, so nobody else. */
public final class ListWriteAuditsService implements ListWriteAudits {

  private final AuditTrail auditTrail;

  public ListWriteAuditsService(AuditTrail auditTrail) {
    this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
  }

  @Override
  public Result list(Query query) {
    if (!query.caller().isAdmin()) {
      return new Result.Forbidden("reading the audit trail needs an admin key");
    }
    return new Result.Listed(auditTrail.latest(query.execution(), query.limit()));
  }
}
