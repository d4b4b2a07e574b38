package dev.wfx.domain.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteAuditTest {

  private static final WorkspaceId WS = WorkspaceId.of("ws-a");
  private static final Caller CALLER =
      new Caller(new ApiKeyId("k1234567"), new Role(RoleType.USER, WS, "u", Role.MEMBER, null));

  private static WriteAudit refusedBecause(String detail) {
    return WriteAudit.refused(
        Instant.EPOCH,
        CALLER,
        ExecutionId.of("order-1"),
        WS,
        List.of(),
        WriteOutcome.UNSUPPORTED_MEDIA_TYPE,
        detail);
  }

  @Test
  void givenAReasonQuotingSeventeenKilobytes_whenAudited_thenTheEntryKeepsItsFirst300Characters() {
    String quoted = "the body was declared as text/" + "x".repeat(17_000) + ", not JSON";

    String kept = refusedBecause(quoted).detail();

    assertEquals(WriteAudit.MAX_DETAIL_LENGTH, kept.length());
    assertEquals(quoted.substring(0, WriteAudit.MAX_DETAIL_LENGTH - 1) + "…", kept);
  }

  @Test
  void givenAShortReason_whenAudited_thenItIsKeptWhole() {
    String reason = "x".repeat(WriteAudit.MAX_DETAIL_LENGTH);

    assertEquals(reason, refusedBecause(reason).detail());
  }

  @Test
  void givenACutThroughASurrogatePair_whenAudited_thenNoHalfCharacterIsKept() {
    String reason = "x".repeat(WriteAudit.MAX_DETAIL_LENGTH - 2) + "😀".repeat(10);

    String kept = refusedBecause(reason).detail();

    assertTrue(kept.length() <= WriteAudit.MAX_DETAIL_LENGTH, kept);
    assertTrue(kept.endsWith("x…"), kept);
  }
}
