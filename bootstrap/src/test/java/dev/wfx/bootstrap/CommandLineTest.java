package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  @ValueSource(strings = {"--help", "-h", "help"})
  void givenAHelpWord_thenTheHelpNamesEveryCommandAndEveryConfigurationVariable(String word) {
    var help = assertInstanceOf(CommandLine.Help.class, CommandLine.parse(List.of(word)));

    for (String command : List.of("keys create", "keys list", "keys revoke", "--version")) {
      assertTrue(help.text().contains("wfx " + command), command);
    }
    for (String variable : WfxConfig.ENVIRONMENT_KEYS.keySet()) {
      assertTrue(help.text().contains(variable), variable + " is not in wfx --help");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"keys --help", "keys -h", "keys help", "keys create --help", "keys revoke -h"})
  void givenKeysAndAHelpWord_thenTheKeysHelpDescribesEachKeysCommand(String line) {
    var help = assertInstanceOf(CommandLine.Help.class, CommandLine.parse(List.of(line.split(" "))));

    assertEquals(CommandLine.KEYS_HELP, help.text());
    for (String command : List.of("create", "list", "revoke")) {
      assertTrue(help.text().contains("wfx keys " + command), command);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "version"})
  void givenVersion_thenTheVersionIsAsked(String word) {
    assertInstanceOf(CommandLine.Version.class, CommandLine.parse(List.of(word)));
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
