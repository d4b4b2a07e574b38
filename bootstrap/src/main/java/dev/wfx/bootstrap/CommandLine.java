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
      usage: wfx [serve]             serve the API
             wfx keys create --workspace <id> --type user|service [--admin]
                                     create an API key; prints the key alone on the last line
             wfx keys list           list keys (ids, roles, dates; never secrets)
             wfx keys revoke <key-id>
                                     revoke a key at once
             wfx keys --help         the keys commands in full
             wfx projections rebuild derive every stored event's typed projection again from
                                     its original (after an upgrade that reads more of them)
             wfx --version           the version of wfx
             wfx --help              the commands and the configuration variables""";

  String HELP =
      USAGE
          + """


          Configuration: environment variables (defaults in application.yaml in the jar):
            WFX_HOST                   0.0.0.0     address to listen on
            WFX_PORT                   8080        HTTP port
            WFX_DB_URL                 (none)      JDBC URL of your PostgreSQL, e.g.
                                                   jdbc:postgresql://db:5432/wfx; none: embedded
            WFX_DB_USER                postgres    database user
            WFX_DB_PASSWORD            (empty)     database password
            WFX_DB_POOL_SIZE           10          most database connections held
            WFX_DB_CONNECTION_TIMEOUT  PT2S        longest wait for a database connection
            WFX_DB_STATEMENT_TIMEOUT   PT5S        PostgreSQL cancels a statement running longer
            WFX_DB_LISTEN_URL          (none)      JDBC URL of the database itself for LISTEN,
                                                   when WFX_DB_URL leads through a pooler
            WFX_DB_TRANSACTION_POOLING false       true when WFX_DB_URL leads through a pooler
                                                   in transaction mode (PgBouncer): no
                                                   server-side prepared statements
            WFX_DATA_DIR               data        the embedded PostgreSQL keeps its data in
                                                   <dir>/postgres; a relative dir lies in the
                                                   installation (the checkout wfx.jar was built
                                                   in, or the directory holding wfx.jar)
            WFX_API_KEY_CACHE          true        keep keys in memory until PostgreSQL notifies
                                                   a change (LISTEN); false behind a pooler
                                                   without WFX_DB_LISTEN_URL (set it alike for
                                                   wfx keys)
            WFX_MAX_BODY_BYTES         67108864    largest history body a POST may send
            WFX_DOCUMENT_CACHE_BYTES   134217728   memory for rendered documents; 0: off
            WFX_MAX_BATCH_EVENTS       51200       most events one POST may hold
            WFX_MAX_CONCURRENT_WRITES  pool/2      most writes in flight; more get 429
            WFX_MAX_CONCURRENT_WRITES_PER_KEY  2   most writes in flight for one key
            WFX_REQUEST_TIMEOUT        PT10S       a request starts no new work after this long
            WFX_BODY_READ_TIMEOUT      PT30S       a client sending no body data this long is
                                                   cut off
            WFX_REQUEST_HEAD_TIMEOUT   PT10S       a client not sending its request line and
                                                   headers within this long is cut off
            WFX_SHUTDOWN_GRACE         PT10S       on SIGTERM, how long requests in flight may
                                                   finish
            WFX_AUDIT_RETENTION        P90D        audit entries older than this are deleted;
                                                   PT0S keeps them forever
            WFX_AUDIT_REFUSALS_PER_MINUTE  60      refused writes of one key recorded one by one
                                                   a minute; the rest counted in one summary
            WFX_BOOTSTRAP_ADMIN_KEY    (none)      on a database without keys, create an admin
                                                   key with exactly this value; none: the first
                                                   start creates one and prints it once
            WFX_BOOTSTRAP_WORKSPACE    default     workspace of that first admin key
          Durations are ISO-8601 (PT2S, PT1.5S). Any key of application.yaml can also be set as
          a JVM system property (WFX_JAVA_OPTS='-Dwfx.db.pool-size=20' bin/wfx).

          Exit status: 0 done, 1 failed (database unreachable, no such key), 2 bad arguments or
          configuration.""";

  String KEYS_HELP =
      """
      usage: wfx keys create --workspace <id> --type user|service [--admin]
               Creates a key of the workspace: a user key reads its executions, a service key
               also records histories into it; --admin makes it an admin key, which may use
               every workspace and read the audit trail. Prints a line naming the key's id, then
               the key alone on the last line: it is shown only this once (wfx keeps only its
               digest).
             wfx keys list
               One line per key: ID, TYPE, ADMIN, WORKSPACE, CREATED, REVOKED ("-" while valid).
               Never a secret.
             wfx keys revoke <key-id>
               Revokes the key: every wfx on the database refuses it from the next request on.
               A key revoked already stays as it was, and the command says so (exit status 0).

      The keys commands use the service's database: the PostgreSQL of WFX_DB_URL (with
      WFX_DB_USER, WFX_DB_PASSWORD), or without it the embedded PostgreSQL in WFX_DATA_DIR,
      shared with a wfx serving from it. Set WFX_API_KEY_CACHE alike for the service and them.
      wfx --help lists every variable.

      Exit status: 0 done (also a key revoked already), 1 no such key or the database cannot be
      reached, 2 bad arguments or configuration.""";

  List<String> HELP_WORDS = List.of("help", "--help", "-h");

  record Serve() implements CommandLine {}

  record CreateKey(IssueApiKey.Command command) implements CommandLine {}

  record ListKeys() implements CommandLine {}

  record RevokeKey(ApiKeyId id) implements CommandLine {}

  record RebuildProjections() implements CommandLine {}

  /** Prints this text. */
  record Help(String text) implements CommandLine {
    public Help {
      Objects.requireNonNull(text, "text");
    }
  }

  record Version() implements CommandLine {}

  record Invalid(String message) implements CommandLine {
    public Invalid {
      Objects.requireNonNull(message, "message");
    }
  }

  static CommandLine parse(List<String> args) {
    if (args.isEmpty() || args.equals(List.of("serve"))) {
      return new Serve();
    }
    if (HELP_WORDS.contains(args.getFirst())) {
      return new Help(HELP);
    }
    if (List.of("--version", "version").contains(args.getFirst())) {
      return new Version();
    }
    if (args.getFirst().equals("projections")) {
      return args.equals(List.of("projections", "rebuild"))
          ? new RebuildProjections()
          : new Invalid("projections takes one command: rebuild");
    }
    if (!args.getFirst().equals("keys")) {
      return new Invalid("unknown command: " + String.join(" ", args));
    }
    if ((args.size() > 1 && HELP_WORDS.contains(args.get(1)))
        || args.stream().anyMatch(arg -> arg.equals("--help") || arg.equals("-h"))) {
      return new Help(KEYS_HELP);
    }
    if (args.size() < 2) {
      return new Invalid("keys needs a command: create, list or revoke");
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
