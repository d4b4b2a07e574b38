package dev.wfx.application.execution;

import static dev.wfx.application.testing.AuditEntries.creating;
import static dev.wfx.domain.testing.Events.runningHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wfx.application.execution.GetExecutionVersion.Result;
import dev.wfx.application.execution.GetWorkflowExecution.Query;
import dev.wfx.application.testing.InMemoryAuditTrail;
import dev.wfx.application.testing.InMemoryExecutions;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.StartOutcome;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetExecutionVersionServiceTest {

  private static final ExecutionId ID = ExecutionId.of("order-42");
  private static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  private static final WorkspaceId WS_B = WorkspaceId.of("ws-b");
  private static final Role MEMBER_A = new Role(RoleType.USER, WS_A, "u1", Role.MEMBER, null);
  private static final Role MEMBER_B = new Role(RoleType.USER, WS_B, "u2", Role.MEMBER, null);
  private static final Role ADMIN_B = new Role(RoleType.USER, WS_B, "root", Role.ADMIN, null);

  private final InMemoryExecutions executions = new InMemoryExecutions(new InMemoryAuditTrail());
  private final GetExecutionVersion getExecutionVersion = new GetExecutionVersionService(executions);

  @BeforeEach
  void storeAnExecutionOfThreeEventsInWorkspaceA() {
    var started =
        assertInstanceOf(
            StartOutcome.Started.class, WorkflowExecution.start(ID, WS_A, Optional.empty(), runningHistory(3)));
    assertEquals(SaveOutcome.SAVED, executions.append(started.execution(), 0, runningHistory(3), creating(started.execution())));
  }

  private Result version(ExecutionId id, Role caller, Optional<WorkspaceId> workspace) {
    return getExecutionVersion.version(new Query(id, caller, workspace));
  }

  @Test
  void givenAnExecutionInTheCallersWorkspace_whenAsked_thenItsHistoryLengthIsTheVersion() {
    Result.Current current =
        new Result.Current(new StoredRun(ID, WS_A, RunId.of("run-1"), 3, false));
    assertEquals(current, version(ID, MEMBER_A, Optional.empty()));
    assertEquals(current, version(ID, ADMIN_B, Optional.empty()));
    assertEquals(3, current.version());
  }

  @Test
  void givenAnExecutionInAnotherWorkspace_whenAsked_thenItIsTheSameNotFoundAsAMissingOne() {
    assertEquals(new Result.NotFound(), version(ID, MEMBER_B, Optional.empty()));
    assertEquals(new Result.NotFound(), version(ExecutionId.of("order-43"), MEMBER_A, Optional.empty()));
  }

  @Test
  void givenACallerNamingAWorkspaceItMayNotUseOrNotHoldingIt_whenAsked_thenItIsNotFound() {
    assertEquals(new Result.NotFound(), version(ID, MEMBER_A, Optional.of(WS_B)));
    assertEquals(new Result.NotFound(), version(ID, ADMIN_B, Optional.of(WS_B)));
  }
}
