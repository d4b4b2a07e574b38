package dev.wfx.application.execution;

import static dev.wfx.application.testing.AuditEntries.creating;
import static dev.wfx.domain.testing.Events.runningHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wfx.application.execution.GetWorkflowExecution.Query;
import dev.wfx.application.execution.GetWorkflowExecution.Result;
import dev.wfx.application.testing.InMemoryAuditTrail;
import dev.wfx.application.testing.InMemoryExecutions;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.StartOutcome;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.view.ExecutionDocument;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetWorkflowExecutionServiceTest {

  private static final ExecutionId ID = ExecutionId.of("order-42");
  private static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  private static final WorkspaceId WS_B = WorkspaceId.of("ws-b");
  private static final Role MEMBER_A = new Role(RoleType.USER, WS_A, "u1", Role.MEMBER, null);
  private static final Role MEMBER_B = new Role(RoleType.USER, WS_B, "u2", Role.MEMBER, null);
  private static final Role ADMIN_B = new Role(RoleType.USER, WS_B, "root", Role.ADMIN, null);

  private final InMemoryExecutions executions = new InMemoryExecutions(new InMemoryAuditTrail());
  private final GetWorkflowExecution getWorkflowExecution =
      new GetWorkflowExecutionService(executions);

  @BeforeEach
  void storeAnExecutionInWorkspaceA() {
    var started =
        assertInstanceOf(
            StartOutcome.Started.class, WorkflowExecution.start(ID, WS_A, Optional.empty(), runningHistory(3)));
    assertEquals(SaveOutcome.SAVED, executions.append(started.execution(), 0, runningHistory(3), creating(started.execution())));
  }

  private Result get(ExecutionId id, Role caller, Optional<WorkspaceId> workspace) {
    return getWorkflowExecution.get(new Query(id, caller, workspace));
  }

  @Test
  void givenAnExecutionInTheCallersWorkspace_whenRead_thenItsDocumentIsFound() {
    Result result = get(ID, MEMBER_A, Optional.empty());

    ExecutionDocument document = assertInstanceOf(Result.Found.class, result).document();
    assertEquals(ID, document.id());
    assertEquals(3, document.historyLength());
    assertEquals(ExecutionStatus.RUNNING, document.status());
    assertEquals(1, document.events().size());
  }

  @Test
  void givenTheCallerNamesItsOwnWorkspace_whenRead_thenItIsFound() {
    assertInstanceOf(Result.Found.class, get(ID, MEMBER_A, Optional.of(WS_A)));
  }

  @Test
  void givenNoSuchExecution_whenRead_thenItIsNotFound() {
    assertInstanceOf(
        Result.NotFound.class, get(ExecutionId.of("order-43"), MEMBER_A, Optional.empty()));
  }

  @Test
  void givenAnExecutionInAnotherWorkspace_whenRead_thenItIsTheSameNotFoundAsAMissingOne() {
    Result invisible = get(ID, MEMBER_B, Optional.empty());
    Result missing = get(ExecutionId.of("order-43"), MEMBER_B, Optional.empty());

    assertEquals(missing, invisible);
    assertInstanceOf(Result.NotFound.class, invisible);
  }

  @Test
  void givenAnAdmin_whenReadingWithoutAWorkspace_thenExecutionsOfEveryWorkspaceAreFound() {
    assertInstanceOf(Result.Found.class, get(ID, ADMIN_B, Optional.empty()));
  }

  @Test
  void givenAMemberNamingAWorkspaceItMayNotUse_whenRead_thenItIsNotFound() {
    assertInstanceOf(Result.NotFound.class, get(ID, MEMBER_B, Optional.of(WS_A)));
    assertInstanceOf(Result.NotFound.class, get(ID, MEMBER_A, Optional.of(WS_B)));
  }

  @Test
  void givenAnAdminNamingAWorkspace_whenRead_thenOnlyThatWorkspaceIsSearched() {
    assertInstanceOf(Result.NotFound.class, get(ID, ADMIN_B, Optional.of(WS_B)));
    assertInstanceOf(Result.Found.class, get(ID, ADMIN_B, Optional.of(WS_A)));
  }
}
