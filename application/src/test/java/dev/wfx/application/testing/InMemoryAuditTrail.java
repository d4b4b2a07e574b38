package dev.wfx.application.testing;

import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.StoreUnavailable;
import dev.wfx.domain.execution.WriteAudit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test fixture: the {@link AuditTrail} port held in memory. It can be told to refuse entries, as a
 * trail whose table is gone would, to prove that nothing is stored without its entry.
 */
public final class InMemoryAuditTrail implements AuditTrail {

  private final List<WriteAudit> entries = new ArrayList<>();
  private boolean refusing;

  @Override
  public synchronized void record(WriteAudit entry) {
    if (refusing) {
      throw new StoreUnavailable("the audit trail refuses entries", null);
    }
    entries.add(entry);
  }

  /** From now on every entry is refused with {@link StoreUnavailable}. */
  public synchronized void refuseEntries() {
    refusing = true;
  }

  @Override
  public synchronized List<WriteAudit> latest(Optional<ExecutionId> execution, int limit) {
    return entries.reversed().stream()
        .filter(entry -> execution.map(entry.executionId()::equals).orElse(true))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized long forgetBefore(Instant cutoff) {
    int before = entries.size();
    entries.removeIf(entry -> entry.at().isBefore(cutoff));
    return before - entries.size();
  }
}
