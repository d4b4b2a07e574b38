package dev.wfx.application.testing;

import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.audit.WriteAudit;
import dev.wfx.domain.execution.ExecutionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test fixture: the {@link AuditTrail} port held in memory. */
public final class InMemoryAuditTrail implements AuditTrail {

  private final List<WriteAudit> entries = new ArrayList<>();

  @Override
  public synchronized void record(WriteAudit entry) {
    entries.add(entry);
  }

  @Override
  public synchronized List<WriteAudit> latest(Optional<ExecutionId> execution, int limit) {
    return entries.reversed().stream()
        .filter(entry -> execution.map(entry.executionId()::equals).orElse(true))
        .limit(limit)
        .toList();
  }
}
