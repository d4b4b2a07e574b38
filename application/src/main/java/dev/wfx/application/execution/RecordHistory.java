package dev.wfx.application.execution;

import dev.wfx.domain.access.Caller;
import dev.wfx.domain.execution.BatchRejection;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Use case: record a batch of an execution's history, creating the execution with its first. */
public interface RecordHistory {

  Outcome record(Command command);

  /**
   * @param workspace the workspace the caller names; by default the caller's own
   * @param caller who records: its role decides, its key id is what an audit names
   */
  record Command(
      ExecutionId id, Optional<WorkspaceId> workspace, List<HistoryEvent> batch, Caller caller) {
    public Command {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(workspace, "workspace");
      batch = List.copyOf(batch);
      Objects.requireNonNull(caller, "caller");
    }
  }

  /** What became of the batch. */
  sealed interface Outcome {

    /**
     * The batch is stored in the execution's {@code workspace}: {@code created} when it opened the
     * execution, {@code appended} new events and {@code duplicates} re-sent ones.
     */
    record Recorded(
        ExecutionId id,
        WorkspaceId workspace,
        boolean created,
        long historyLength,
        ExecutionStatus status,
        int appended,
        int duplicates)
        implements Outcome {}

    /** The batch breaks a recording rule; nothing of it is stored. */
    record Rejected(BatchRejection rejection) implements Outcome {}

    /** The caller may not record here. */
    record Forbidden(String reason) implements Outcome {}

    /** The execution exists in a workspace the caller cannot see: the same as a read's 404. */
    record NotFound() implements Outcome {}

    /** Other writers kept changing the execution; the caller may retry. */
    record Contended(long attempts) implements Outcome {}
  }
}
