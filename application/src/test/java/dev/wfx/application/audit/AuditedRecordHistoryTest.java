package dev.wfx.application.audit;

import static dev.wfx.domain.testing.Events.others;
import static dev.wfx.domain.testing.Events.runningHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wfx.application.execution.RecordHistory;
import dev.wfx.application.execution.RecordHistory.Command;
import dev.wfx.application.execution.RecordHistory.Outcome;
import dev.wfx.application.execution.RecordHistoryService;
import dev.wfx.application.testing.InMemoryAuditTrail;
import dev.wfx.application.testing.InMemoryExecutions;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.audit.WriteAudit;
import dev.wfx.domain.audit.WriteOutcome;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WorkspaceId;
import dev.wfx.domain.history.EventId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditedRecordHistoryTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final ExecutionId ID = ExecutionId.of("order-42");
  private static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  private static final WorkspaceId WS_B = WorkspaceId.of("ws-b");
  private static final Caller SERVICE_A =
      new Caller(new ApiKeyId("servicea"), new Role(RoleType.SERVICE, WS_A, null, Role.MEMBER, "s"));
  private static final Caller SERVICE_B =
      new Caller(new ApiKeyId("serviceb"), new Role(RoleType.SERVICE, WS_B, null, Role.MEMBER, "s"));
  private static final Caller ADMIN_B =
      new Caller(new ApiKeyId("adminb12"), new Role(RoleType.USER, WS_B, "root", Role.ADMIN, null));
  private static final Caller USER_A =
      new Caller(new ApiKeyId("usera123"), new Role(RoleType.USER, WS_A, "u", Role.MEMBER, null));

  private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
  private final RecordHistory recordHistory =
      new AuditedRecordHistory(
          new RecordHistoryService(new InMemoryExecutions()),
          trail,
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void givenAcceptedBatches_whenRecorded_thenEachIsAuditedWithItsCallerRangeAndCounts() {
    recordHistory.record(new Command(ID, Optional.empty(), runningHistory(3), SERVICE_A));
    recordHistory.record(new Command(ID, Optional.empty(), others(3, 5), ADMIN_B));

    assertEquals(
        List.of(
            new WriteAudit(
                NOW, ADMIN_B, ID, WS_A, EventId.of(3), EventId.of(5), 3, 2, 1, WriteOutcome.APPENDED, null),
            new WriteAudit(
                NOW, SERVICE_A, ID, WS_A, EventId.of(1), EventId.of(3), 3, 3, 0, WriteOutcome.CREATED, null)),
        trail.latest(Optional.empty(), 10));
  }

  @Test
  void givenRefusedBatches_whenRecorded_thenEachIsAuditedWithItsOutcomeAndReason() {
    recordHistory.record(new Command(ID, Optional.empty(), runningHistory(2), SERVICE_A));

    Outcome gap = recordHistory.record(new Command(ID, Optional.empty(), others(5, 6), SERVICE_A));
    recordHistory.record(new Command(ID, Optional.empty(), others(3, 3), SERVICE_B));
    recordHistory.record(new Command(ID, Optional.empty(), others(3, 3), USER_A));
    recordHistory.record(new Command(ID, Optional.empty(), List.of(), SERVICE_A));

    assertInstanceOf(Outcome.Rejected.class, gap);
    List<WriteAudit> latest = trail.latest(Optional.of(ID), 4);
    assertEquals(
        List.of(
            WriteOutcome.INVALID,
            WriteOutcome.FORBIDDEN,
            WriteOutcome.NOT_FOUND,
            WriteOutcome.CONFLICT),
        latest.stream().map(WriteAudit::outcome).toList());
    WriteAudit conflict = latest.getLast();
    assertEquals(SERVICE_A, conflict.caller());
    assertEquals(EventId.of(5), conflict.firstEventId());
    assertEquals(EventId.of(6), conflict.lastEventId());
    assertEquals(0, conflict.appended());
    assertEquals("event 5 leaves a gap: the expected next event id is 3", conflict.detail());
    assertEquals(WS_B, latest.get(2).workspace());
    assertEquals(null, latest.getFirst().firstEventId());
  }
}
