package dev.wfx.application.audit;

import dev.wfx.domain.access.Caller;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: a write refused before its batch could be recorded (a body too large, not JSON,
 * unreadable or not a history, a request past its deadline), or one the service failed on, becomes
 * an entry of the audit trail.
 */
public interface AuditRefusedWrite {

  void audit(Command command);

  /**
   * @param workspace the workspace the caller named; by default its own
   * @param batch the batch's events when they were read before the refusal; else empty
   * @param outcome why the write was refused
   * @param detail the reason in words, without the body's content
   */
  record Command(
      Caller caller,
      ExecutionId id,
      Optional<WorkspaceId> workspace,
      List<HistoryEvent> batch,
      WriteOutcome outcome,
      String detail) {
    public Command {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(workspace, "workspace");
      batch = List.copyOf(batch);
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
      if (outcome.accepted()) {
        throw new IllegalArgumentException("a refused write, not " + outcome);
      }
    }
  }
}
