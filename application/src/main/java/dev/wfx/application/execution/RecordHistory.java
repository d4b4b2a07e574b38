package dev.wfx.application.execution;

import dev.wfx.domain.access.Caller;
import dev.wfx.domain.execution.BatchRejection;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Use case: record a batch of an execution's history, creating the execution with its first. */
public interface RecordHistory {

  Outcome record(Command command);

  /**
   * @param workspace the workspace the caller names; by default the caller's own, or for an admin
   *     the one workspace that holds the execution id
   * @param run the run the caller names; by default the run the batch names itself (the new run
   *     id of its last reset, else its started event's run id), else the latest run
   * @param caller who records: its role decides, its key id is what an audit names
   */
  record Command(
      ExecutionId id,
      Optional<WorkspaceId> workspace,
      Optional<RunId> run,
      List<HistoryEvent> batch,
      Caller caller) {
    public Command {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(run, "run");
      batch = List.copyOf(batch);
      Objects.requireNonNull(caller, "caller");
    }

    /** A batch with no run named. */
    public Command(
        ExecutionId id, Optional<WorkspaceId> workspace, List<HistoryEvent> batch, Caller caller) {
      this(id, workspace, Optional.empty(), batch, caller);
    }
  }

  /** What became of the batch. */
  sealed interface Outcome {

    /**
     * The batch is stored in the execution's {@code workspace}, under {@code run}: {@code created}
     * when it opened the run, {@code appended} new events and {@code duplicates} re-sent ones.
     */
    record Recorded(
        ExecutionId id,
        WorkspaceId workspace,
        RunId run,
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

    /**
     * An admin named no workspace, and the execution id exists in each of these: which one is
     * meant must be named.
     */
    record InSeveralWorkspaces(List<WorkspaceId> workspaces) implements Outcome {
      public InSeveralWorkspaces {
        workspaces = List.copyOf(workspaces);
      }
    }

    /** Other writers kept changing the execution; the caller may retry. */
    record Contended(long attempts) implements Outcome {}
  }
}
