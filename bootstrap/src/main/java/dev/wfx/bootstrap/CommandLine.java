package dev.wfx.bootstrap;

import dev.wfx.application.access.IssueApiKey;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the launcher was asked to do, read from its arguments. */
sealed interface CommandLine {

  String USAGE =
      """
      usage: wfx                     serve the API (also: wfx serve)
             wfx keys create --workspace <id> --type user|service [--admin]
                                     create an API key; prints the key alone on the last line
             wfx keys list           list keys (ids, roles, dates; never secrets)
             wfx keys revoke <key-id>
                                     revoke a key at once
             wfx help                this text""";

  record Serve() implements CommandLine {}

  record CreateKey(IssueApiKey.Command command) implements CommandLine {}

  record ListKeys() implements CommandLine {}

  record RevokeKey(ApiKeyId id) implements CommandLine {}

  record Help() implements CommandLine {}

  record Invalid(String message) implements CommandLine {
    public Invalid {
      Objects.requireNonNull(message, "message");
    }
  }

  static CommandLine parse(List<String> args) {
    if (args.isEmpty() || args.equals(List.of("serve"))) {
      return new Serve();
    }
    if (List.of("help", "--help", "-h").contains(args.getFirst())) {
      return new Help();
    }
    if (!args.getFirst().equals("keys") || args.size() < 2) {
      return new Invalid("unknown command: " + String.join(" ", args));
    }
    List<String> rest = args.subList(2, args.size());
    return switch (args.get(1)) {
      case "create" -> parseCreate(rest);
      case "list" -> rest.isEmpty() ? new ListKeys() : new Invalid("keys list takes no argument");
      case "revoke" ->
          rest.size() == 1
              ? ApiKeyId.parse(rest.getFirst())
                  .<CommandLine>map(RevokeKey::new)
                  .orElseGet(() -> new Invalid("not a key id: " + rest.getFirst()))
              : new Invalid("keys revoke takes one key id");
      default -> new Invalid("unknown keys command: " + args.get(1));
    };
  }

  private static CommandLine parseCreate(List<String> args) {
    Optional<WorkspaceId> workspace = Optional.empty();
    Optional<RoleType> type = Optional.empty();
    boolean admin = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--admin" -> admin = true;
        case "--workspace", "--type" -> {
          if (i + 1 >= args.size()) {
            return new Invalid(arg + " needs a value");
          }
          String value = args.get(++i);
          if (arg.equals("--workspace")) {
            workspace = WorkspaceId.parse(value);
            if (workspace.isEmpty()) {
              return new Invalid("workspace id must be " + WorkspaceId.ACCEPTED_FORM);
            }
          } else {
            type = RoleType.parse(value);
            if (type.isEmpty()) {
              return new Invalid("--type is user or service, not " + value);
            }
          }
        }
        default -> {
          return new Invalid("unknown option: " + arg);
        }
      }
    }
    if (workspace.isEmpty() || type.isEmpty()) {
      return new Invalid("keys create needs --workspace <id> and --type user|service");
    }
    return new CreateKey(new IssueApiKey.Command(type.get(), workspace.get(), admin));
  }
}
