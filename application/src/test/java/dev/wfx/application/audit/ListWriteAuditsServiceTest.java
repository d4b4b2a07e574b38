package dev.wfx.application.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wfx.application.audit.ListWriteAudits.Query;
import dev.wfx.application.audit.ListWriteAudits.Result;
import dev.wfx.application.testing.InMemoryAuditTrail;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListWriteAuditsServiceTest {

  private static final WorkspaceId WS = WorkspaceId.of("ws-a");
  private static final Role ADMIN = new Role(RoleType.USER, WS, "root", Role.ADMIN, null);
  private static final Role SERVICE = new Role(RoleType.SERVICE, WS, null, Role.MEMBER, "s");

  private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
  private final ListWriteAudits listWriteAudits = new ListWriteAuditsService(trail);

  @Test
  void givenAnAdmin_whenTheTrailIsListed_thenItsLatestEntriesComeBack() {
    WriteAudit entry =
        new WriteAudit(
            Instant.parse("2026-01-01T00:00:00Z"),
            new Caller(new ApiKeyId("servicea"), SERVICE),
            ExecutionId.of("order-1"),
            WS,
            EventId.of(1),
            EventId.of(1),
            1,
            1,
            0,
            WriteOutcome.CREATED,
            null);
    trail.record(entry);

    Result result = listWriteAudits.list(new Query(ADMIN, Optional.empty(), 10));

    assertEquals(new Result.Listed(List.of(entry)), result);
  }

  @Test
  void givenAMemberEvenAService_whenTheTrailIsListed_thenItIsForbidden() {
    Result result = listWriteAudits.list(new Query(SERVICE, Optional.empty(), 10));

    assertInstanceOf(Result.Forbidden.class, result);
  }
}
