package dev.wfx.application.audit;

import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.WriteAudit;
import java.time.Clock;
import java.util.Objects;

/** Files a write refused before recording under the workspace its caller named, else its own. */
public final class AuditRefusedWriteService implements AuditRefusedWrite {

  private final AuditTrail auditTrail;
  private final Clock clock;

  public AuditRefusedWriteService(AuditTrail auditTrail, Clock clock) {
    this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void audit(Command command) {
    auditTrail.record(
        WriteAudit.refused(
            clock.instant(),
            command.caller(),
            command.id(),
            command.workspace().orElse(command.caller().role().workspaceId()),
            command.batch(),
            command.outcome(),
            command.detail()));
  }
}
