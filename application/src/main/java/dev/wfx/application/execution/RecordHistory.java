package dev.wfx.application.execution;

import dev.wfx.domain.access.Role;
import dev.wfx.domain.execution.BatchRejection;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import dev.wfx.domain.execution.WorkspaceId;
import dev.wfx.domain.history.HistoryEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Use case: record a batch of an execution's history, creating the execution with its first. */
public interface RecordHistory {

  Outcome record(Command command);

  /**
   * @param workspace the workspace the caller names; by default the caller's own
   */
  record Command(
      ExecutionId id, Optional<WorkspaceId> workspace, List<HistoryEvent> batch, Role caller) {
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
     * The batch is stored: {@code created} when it opened the execution, {@code appended} new
     * events and {@code duplicates} re-sent ones.
     */
    record Recorded(
        ExecutionId id,
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
