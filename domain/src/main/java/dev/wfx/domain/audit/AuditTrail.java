package dev.wfx.domain.audit;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WriteAudit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the audit trail of history writes, appended to and never changed; entries past the
 * retention period are forgotten whole.
 */
public interface AuditTrail {

  /** Keeps the entry. */
  void record(WriteAudit entry);

  /** The latest entries, newest first, of one execution or of all; at most {@code limit}. */
  List<WriteAudit> latest(Optional<ExecutionId> execution, int limit);

  /** Forgets every entry made before {@code cutoff}; returns how many there were. */
  long forgetBefore(Instant cutoff);
}
