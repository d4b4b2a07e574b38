package dev.wfx.bootstrap;

import dev.wfx.adapter.persistence.DatabaseSettings;
import dev.wfx.adapter.persistence.PostgresPersistence;
import dev.wfx.application.access.ApiKeyAdministration;
import dev.wfx.application.access.IssueApiKey.IssuedKey;
import dev.wfx.application.access.IssueApiKeyService;
import dev.wfx.application.access.ListApiKeys.KeySummary;
import io.helidon.config.Config;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code wfx keys …} commands, run against the configured database. */
final class KeyCommands {

  /** A command runs a statement or two; the service's pool size would open idle connections. */
  private static final int POOL_SIZE = 2;

  private static final List<String> HEADINGS =
      List.of("ID", "TYPE", "ADMIN", "WORKSPACE", "CREATED", "REVOKED");

  private KeyCommands() {}

  static int create(Config config, CommandLine.CreateKey create, PrintStream out) {
    try (PostgresPersistence persistence = PostgresPersistence.start(database(config))) {
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
    try (PostgresPersistence persistence = PostgresPersistence.start(database(config))) {
      table(new ApiKeyAdministration(persistence.apiKeys(), Clock.systemUTC()).list())
          .forEach(out::println);
      return 0;
    }
  }

  /** Revoking a key revoked already changes nothing and is no failure: it is revoked, as asked. */
  static int revoke(
      Config config, CommandLine.RevokeKey revoke, PrintStream out, PrintStream err) {
    try (PostgresPersistence persistence = PostgresPersistence.start(database(config))) {
      ApiKeyAdministration keys =
          new ApiKeyAdministration(persistence.apiKeys(), Clock.systemUTC());
      if (keys.revoke(revoke.id())) {
        out.println("Revoked key " + revoke.id() + ".");
        return 0;
      }
      // Refused: the key is unknown or revoked already; the listing tells which.
      Optional<KeySummary> revokedBefore =
          keys.list().stream()
              .filter(key -> key.id().equals(revoke.id()) && key.revokedAt() != null)
              .findFirst();
      if (revokedBefore.isPresent()) {
        out.println(
            "Key "
                + revoke.id()
                + " was revoked already, at "
                + seconds(revokedBefore.get().revokedAt())
                + "; nothing changed.");
        return 0;
      }
      err.println("wfx: no key with id " + revoke.id());
      return 1;
    }
  }

  private static DatabaseSettings database(Config config) {
    return Settings.database(config).withPoolSize(POOL_SIZE);
  }

  /** The listing: a heading and one line per key, each column as wide as its widest value. */
  static List<String> table(List<KeySummary> keys) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADINGS);
    for (KeySummary key : keys) {
      rows.add(
          List.of(
              key.id().value(),
              key.role().type().wireName(),
              key.role().isAdmin() ? "yes" : "no",
              key.role().workspaceId().value(),
              seconds(key.createdAt()),
              key.revokedAt() == null ? "-" : seconds(key.revokedAt())));
    }
    int[] widths = new int[HEADINGS.size()];
    for (List<String> row : rows) {
      for (int column = 0; column < widths.length; column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < widths.length; column++) {
        line.append(row.get(column));
        if (column < widths.length - 1) {
          line.append(" ".repeat(widths[column] - row.get(column).length() + 2));
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** Whole seconds: the same width on every line, and finer than anyone reads a listing. */
  private static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
