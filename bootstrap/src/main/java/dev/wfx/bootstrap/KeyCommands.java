package dev.wfx.bootstrap;

import dev.wfx.adapter.persistence.PostgresPersistence;
import dev.wfx.application.access.ApiKeyAdministration;
import dev.wfx.application.access.IssueApiKey.IssuedKey;
import dev.wfx.application.access.IssueApiKeyService;
import dev.wfx.application.access.ListApiKeys.KeySummary;
import io.helidon.config.Config;
import java.io.PrintStream;
import java.time.Clock;

/** The {@code wfx keys …} commands, run against the configured database. */
final class KeyCommands {

  private KeyCommands() {}

  static int create(Config config, CommandLine.CreateKey create, PrintStream out) {
    try (PostgresPersistence persistence = PostgresPersistence.start(Settings.database(config))) {
      IssuedKey key =
          new IssueApiKeyService(persistence.apiKeys(), Clock.systemUTC()).issue(create.command());
      out.println(
          "Created "
              + (key.role().isAdmin() ? "admin " : "")
              + key.role().type().wireName()
              + " key "
              + key.id()
              + " for workspace "
              + key.role().workspaceId()
              + ". Keep it secret; it is shown only now:");
      out.println(key.secret());
      return 0;
    }
  }

  static int list(Config config, PrintStream out) {
    try (PostgresPersistence persistence = PostgresPersistence.start(Settings.database(config))) {
      out.printf("%-16s  %-7s  %-5s  %-24s  %-20s  %s%n", "ID", "TYPE", "ADMIN", "WORKSPACE", "CREATED", "REVOKED");
      for (KeySummary key : new ApiKeyAdministration(persistence.apiKeys(), Clock.systemUTC()).list()) {
        out.printf(
            "%-16s  %-7s  %-5s  %-24s  %-20s  %s%n",
            key.id(),
            key.role().type().wireName(),
            key.role().isAdmin() ? "yes" : "no",
            key.role().workspaceId(),
            key.createdAt(),
            key.revokedAt() == null ? "-" : key.revokedAt());
      }
      return 0;
    }
  }

  static int revoke(
      Config config, CommandLine.RevokeKey revoke, PrintStream out, PrintStream err) {
    try (PostgresPersistence persistence = PostgresPersistence.start(Settings.database(config))) {
      if (new ApiKeyAdministration(persistence.apiKeys(), Clock.systemUTC()).revoke(revoke.id())) {
        out.println("Revoked key " + revoke.id() + ".");
        return 0;
      }
      err.println("wfx: no valid key with id " + revoke.id());
      return 1;
    }
  }
}
