package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfx.application.access.ListApiKeys.KeySummary;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyCommandsTest {

  @Test
  void givenKeysOfWorkspacesOfDifferentLengths_whenListed_thenEveryColumnStartsAtOneOffset() {
    List<String> lines =
        KeyCommands.table(
            List.of(
                key("0123456789abcdef", RoleType.USER, "ws-a", Role.MEMBER, null),
                key(
                    "fedcba9876543210",
                    RoleType.SERVICE,
                    "a-workspace-with-a-name-longer-than-twenty-four",
                    Role.ADMIN,
                    Instant.parse("2026-12-01T10:00:00.5Z"))));

    assertEquals(
        List.of(
            "ID                TYPE     ADMIN  WORKSPACE                                        CREATED               REVOKED",
            "0123456789abcdef  user     no     ws-a                                             2026-11-30T09:15:02Z  -",
            "fedcba9876543210  service  yes    a-workspace-with-a-name-longer-than-twenty-four  2026-11-30T09:15:02Z  2026-12-01T10:00:00Z"),
        lines);
  }

  @Test
  void givenNoKeys_whenListed_thenOnlyTheHeadingIsPrinted() {
    assertEquals(
        List.of("ID  TYPE  ADMIN  WORKSPACE  CREATED  REVOKED"), KeyCommands.table(List.of()));
  }

  private static KeySummary key(
      String id, RoleType type, String workspace, int accessLevel, Instant revokedAt) {
    return new KeySummary(
        new ApiKeyId(id),
        new Role(type, WorkspaceId.of(workspace), null, accessLevel, null),
        Instant.parse("2026-11-30T09:15:02.123456Z"),
        revokedAt);
  }
}
