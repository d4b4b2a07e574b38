package dev.wfx.application.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.application.testing.InMemoryAuditTrail;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrottledAuditTrailTest {

  private static final Instant T0 = Instant.parse("2026-03-04T05:06:00Z");
  private static final WorkspaceId WS = WorkspaceId.of("ws-a");
  private static final Caller READER =
      new Caller(new ApiKeyId("reader01"), new Role(RoleType.USER, WS, "u", Role.MEMBER, null));
  private static final Caller OTHER_READER =
      new Caller(new ApiKeyId("reader02"), new Role(RoleType.USER, WS, "v", Role.MEMBER, null));
  private static final Caller SERVICE =
      new Caller(new ApiKeyId("service1"), new Role(RoleType.SERVICE, WS, null, Role.MEMBER, "s"));

  private final SettableClock clock = new SettableClock(T0);
  private final InMemoryAuditTrail stored = new InMemoryAuditTrail();
  private final ThrottledAuditTrail trail = new ThrottledAuditTrail(stored, 3, clock);

  @Test
  void givenAKeyRefusedMoreOftenThanAllowed_whenTheMinuteEnds_thenTheRestIsFiledAsOneSummary() {
    for (int i = 0; i < 10; i++) {
      clock.set(T0.plusSeconds(i));
      trail.record(refused(READER, i));
    }
    assertEquals(3, all().size(), "three entries a minute, the rest counted");

    clock.set(T0.plus(ThrottledAuditTrail.WINDOW));
    trail.fileSummaries();

    List<WriteAudit> entries = all();
    assertEquals(4, entries.size());
    WriteAudit summary = entries.getFirst();
    assertEquals(READER, summary.caller());
    assertEquals(T0.plusSeconds(9), summary.at());
    assertTrue(
        summary.detail().startsWith(
            "7 more refused writes of this key from 2026-03-04T05:06:03Z to 2026-03-04T05:06:09Z"
                + " are not recorded one by one (over 3 a minute); the last: refusal 9"),
        summary.detail());
  }

  @Test
  void givenARefusalAfterAFullMinute_whenRecorded_thenTheSummaryOfThatMinuteComesFirst() {
    for (int i = 0; i < 5; i++) {
      trail.record(refused(READER, i));
    }

    clock.set(T0.plusSeconds(61));
    trail.record(refused(READER, 5));

    List<WriteAudit> entries = all();
    assertEquals(5, entries.size());
    assertEquals("refusal 5", entries.get(0).detail());
    assertTrue(entries.get(1).detail().startsWith("2 more refused writes"), entries.get(1).detail());
  }

  @Test
  void givenOneKeyOverItsAllowance_whenOtherKeysWrite_thenTheirEntriesAreAllRecorded() {
    for (int i = 0; i < 10; i++) {
      trail.record(refused(READER, i));
    }
    for (int i = 0; i < 3; i++) {
      trail.record(refused(OTHER_READER, i));
    }
    for (int i = 0; i < 10; i++) {
      trail.record(accepted(i));
    }

    assertEquals(3 + 3 + 10, all().size());
  }

  @Test
  void givenRefusalsWithinTheAllowance_whenMinutesEnd_thenNoSummaryIsFiled() {
    trail.record(refused(READER, 0));
    clock.set(T0.plus(Duration.ofHours(1)));

    trail.fileSummaries();

    assertEquals(1, all().size());
  }

  private List<WriteAudit> all() {
    return stored.latest(Optional.empty(), 1000);
  }

  private WriteAudit refused(Caller caller, int n) {
    return WriteAudit.refused(
        clock.instant(),
        caller,
        ExecutionId.of("order-" + n),
        WS,
        List.of(),
        WriteOutcome.FORBIDDEN,
        "refusal " + n);
  }

  private WriteAudit accepted(int n) {
    return new WriteAudit(
        clock.instant(), SERVICE, ExecutionId.of("order-" + n), WS, null, null, 0, 0, 0,
        WriteOutcome.APPENDED, null);
  }

  /** A clock the test moves. */
  private static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
