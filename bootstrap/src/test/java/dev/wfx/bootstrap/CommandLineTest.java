package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wfx.application.access.IssueApiKey;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void givenNoArguments_thenItServes() {
    assertInstanceOf(CommandLine.Serve.class, CommandLine.parse(List.of()));
    assertInstanceOf(CommandLine.Serve.class, CommandLine.parse(List.of("serve")));
  }

  @Test
  void givenKeysCreate_thenTheCommandCarriesTypeWorkspaceAndAdmin() {
    assertEquals(
        new CommandLine.CreateKey(
            new IssueApiKey.Command(RoleType.SERVICE, WorkspaceId.of("ws-1"), false)),
        CommandLine.parse(List.of("keys", "create", "--workspace", "ws-1", "--type", "service")));
    assertEquals(
        new CommandLine.CreateKey(
            new IssueApiKey.Command(RoleType.USER, WorkspaceId.of("ws-2"), true)),
        CommandLine.parse(
            List.of("keys", "create", "--type", "user", "--admin", "--workspace", "ws-2")));
  }

  @Test
  void givenKeysListAndRevoke_thenTheyAreRead() {
    assertInstanceOf(CommandLine.ListKeys.class, CommandLine.parse(List.of("keys", "list")));
    assertEquals(
        new CommandLine.RevokeKey(new ApiKeyId("0123456789abcdef")),
        CommandLine.parse(List.of("keys", "revoke", "0123456789abcdef")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "keys create --workspace ws-1",
        "keys create --type robot --workspace ws-1",
        "keys create --workspace bad/ws --type user",
        "keys create --workspace",
        "keys create --type user --workspace ws --force",
        "keys revoke NOT-AN-ID",
        "keys",
        "frobnicate"
      })
  void givenBadArguments_thenTheyAreInvalidWithAMessage(String line) {
    var parsed = assertInstanceOf(CommandLine.Invalid.class, CommandLine.parse(List.of(line.split(" "))));
    assertEquals(false, parsed.message().isBlank());
  }
}
