package dev.wfx.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every behaviour of the {@link AuditTrail} port; each store runs it by supplying an empty one. */
public abstract class AuditTrailContract {

  private static final WorkspaceId WS = WorkspaceId.of("ws-1");
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
  private static final Caller SERVICE =
      new Caller(new ApiKeyId("k1234567"), new Role(RoleType.SERVICE, WS, null, Role.MEMBER, "svc"));
  private static final Caller ADMIN =
      new Caller(new ApiKeyId("k7654321"), new Role(RoleType.USER, WS, "root", Role.ADMIN, null));

  private AuditTrail trail;

  /** A trail that holds no entry; called before each test. */
  protected abstract AuditTrail emptyAuditTrail();

  @BeforeEach
  void startEmpty() {
    trail = emptyAuditTrail();
  }

  @Test
  void givenEntriesOfEveryShape_whenReadBack_thenEachComesBackEqualNewestFirst() {
    WriteAudit created = entry(0, "order-1", SERVICE, 1, 3, 3, 0, WriteOutcome.CREATED, null);
    WriteAudit appended = entry(1, "order-1", ADMIN, 2, 5, 2, 2, WriteOutcome.APPENDED, null);
    WriteAudit refused =
        new WriteAudit(
            T0.plusSeconds(2),
            SERVICE,
            ExecutionId.of("order-1"),
            WS,
            null,
            null,
            0,
            0,
            0,
            WriteOutcome.INVALID,
            "the batch holds no event");
    trail.record(created);
    trail.record(appended);
    trail.record(refused);

    assertEquals(List.of(refused, appended, created), trail.latest(Optional.empty(), 10));
  }

  @Test
  void givenEntriesOfTwoExecutions_whenOneIsAskedFor_thenOnlyItsLatestComeBack() {
    WriteAudit first = entry(0, "order-1", SERVICE, 1, 1, 1, 0, WriteOutcome.CREATED, null);
    WriteAudit other = entry(1, "order-2", SERVICE, 1, 1, 1, 0, WriteOutcome.CREATED, null);
    WriteAudit second =
        entry(2, "order-1", SERVICE, 9, 9, 0, 0, WriteOutcome.CONFLICT, "event 9 leaves a gap");
    WriteAudit third = entry(3, "order-1", SERVICE, 2, 2, 1, 0, WriteOutcome.APPENDED, null);
    for (WriteAudit entry : List.of(first, other, second, third)) {
      trail.record(entry);
    }

    assertEquals(List.of(third, second), trail.latest(Optional.of(ExecutionId.of("order-1")), 2));
    assertEquals(List.of(other), trail.latest(Optional.of(ExecutionId.of("order-2")), 10));
    assertEquals(List.of(), trail.latest(Optional.of(ExecutionId.of("order-3")), 10));
  }

  @Test
  void givenAnEntryOfEveryOutcome_whenReadBack_thenEachComesBack() {
    List<WriteAudit> entries = new ArrayList<>();
    for (WriteOutcome outcome : WriteOutcome.values()) {
      String detail = outcome.accepted() ? null : "refused as " + outcome;
      entries.add(entry(entries.size(), "order-1", SERVICE, 1, 2, 0, 0, outcome, detail));
    }
    entries.forEach(trail::record);

    assertEquals(entries.reversed(), trail.latest(Optional.empty(), 100));
  }

  @Test
  void givenEntriesAcrossTheCutoff_whenTheOlderAreForgotten_thenOnlyTheNewerRemain() {
    WriteAudit old = entry(0, "order-1", SERVICE, 1, 1, 1, 0, WriteOutcome.CREATED, null);
    WriteAudit older = entry(1, "order-2", SERVICE, 1, 1, 1, 0, WriteOutcome.CREATED, null);
    WriteAudit atCutoff =
        entry(2, "order-1", SERVICE, 5, 5, 0, 0, WriteOutcome.CONFLICT, "event 5 leaves a gap");
    WriteAudit newer = entry(3, "order-1", SERVICE, 2, 2, 1, 0, WriteOutcome.APPENDED, null);
    for (WriteAudit entry : List.of(old, older, atCutoff, newer)) {
      trail.record(entry);
    }

    assertEquals(2, trail.forgetBefore(T0.plusSeconds(2)));

    assertEquals(List.of(newer, atCutoff), trail.latest(Optional.empty(), 10));
    assertEquals(0, trail.forgetBefore(T0.plusSeconds(2)));
  }

  private static WriteAudit entry(
      int second,
      String execution,
      Caller caller,
      long first,
      long last,
      int appended,
      int duplicates,
      WriteOutcome outcome,
      String detail) {
    return new WriteAudit(
        T0.plusSeconds(second),
        caller,
        ExecutionId.of(execution),
        WS,
        EventId.of(first),
        EventId.of(last),
        (int) (last - first + 1),
        appended,
        duplicates,
        outcome,
        detail);
  }
}
