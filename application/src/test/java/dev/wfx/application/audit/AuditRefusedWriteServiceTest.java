package dev.wfx.application.audit;

import static dev.wfx.domain.testing.Events.runningHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfx.application.audit.AuditRefusedWrite.Command;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditRefusedWriteServiceTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final ExecutionId ID = ExecutionId.of("order-42");
  private static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  private static final WorkspaceId WS_B = WorkspaceId.of("ws-b");
  private static final Caller SERVICE_A =
      new Caller(new ApiKeyId("servicea"), new Role(RoleType.SERVICE, WS_A, null, Role.MEMBER, "s"));

  private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
  private final AuditRefusedWrite auditRefusedWrite =
      new AuditRefusedWriteService(trail, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void givenABodyRefusedUnread_whenAudited_thenTheEntryIsFiledUnderTheCallersWorkspace() {
    auditRefusedWrite.audit(
        new Command(
            SERVICE_A,
            ID,
            Optional.empty(),
            List.of(),
            WriteOutcome.TOO_LARGE,
            "the body of 9 bytes is over the limit of 8 bytes"));

    assertEquals(
        List.of(
            new WriteAudit(
                NOW,
                SERVICE_A,
                ID,
                WS_A,
                null,
                null,
                0,
                0,
                0,
                WriteOutcome.TOO_LARGE,
                "the body of 9 bytes is over the limit of 8 bytes")),
        trail.latest(Optional.empty(), 10));
  }

  @Test
  void givenABatchReadBeforeItsDeadline_whenAudited_thenTheEntryNamesItAndTheWorkspaceNamed() {
    auditRefusedWrite.audit(
        new Command(
            SERVICE_A,
            ID,
            Optional.of(WS_B),
            runningHistory(3),
            WriteOutcome.TIMED_OUT,
            "the request timeout passed before storing the batch"));

    WriteAudit entry = trail.latest(Optional.of(ID), 10).getFirst();
    assertEquals(WS_B, entry.workspace());
    assertEquals(EventId.of(1), entry.firstEventId());
    assertEquals(EventId.of(3), entry.lastEventId());
    assertEquals(3, entry.batchSize());
    assertEquals(0, entry.appended());
    assertEquals(WriteOutcome.TIMED_OUT, entry.outcome());
  }

  @Test
  void givenAnAcceptedOutcome_whenAuditedAsARefusal_thenTheCommandIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Command(
                SERVICE_A, ID, Optional.empty(), List.of(), WriteOutcome.APPENDED, "stored"));
  }
}
