package dev.wfx.domain.audit;

import dev.wfx.domain.access.Caller;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WorkspaceId;
import dev.wfx.domain.history.EventId;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit trail: a caller's attempt to record a batch of an execution's history.
 *
 * @param workspace the workspace the batch was stored in; for a refused batch, the one the caller
 *     named, else its own
 * @param firstEventId the batch's first event id; null for an empty batch
 * @param lastEventId the batch's last event id; null for an empty batch
 * @param detail why the batch was refused; null when it was accepted
 */
public record WriteAudit(
    Instant at,
    Caller caller,
    ExecutionId executionId,
    WorkspaceId workspace,
    EventId firstEventId,
    EventId lastEventId,
    int batchSize,
    int appended,
    int duplicates,
    WriteOutcome outcome,
    String detail) {

  public WriteAudit {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(outcome, "outcome");
    if ((firstEventId == null) != (lastEventId == null) || (firstEventId == null) != (batchSize == 0)) {
      throw new IllegalArgumentException("a batch has both a first and a last event id, or is empty");
    }
    if (batchSize < 0 || appended < 0 || duplicates < 0 || appended + duplicates > batchSize) {
      throw new IllegalArgumentException(
          "appended and duplicates are counts within the batch of " + batchSize);
    }
    if (outcome.accepted() != (detail == null)) {
      throw new IllegalArgumentException("a refused batch says why, an accepted one does not");
    }
  }
}
