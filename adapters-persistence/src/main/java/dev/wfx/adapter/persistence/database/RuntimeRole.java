package dev.wfx.adapter.persistence.database;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The role wfx works as on its embedded PostgreSQL: it owns wfx's database and everything in it,
 * but is no superuser, so it cannot run programs, read files or reconfigure the server; it logs in
 * with a password over the loopback interface only, and the password is kept in the data
 * directory, readable by wfx's operating-system user alone.
 */
final class RuntimeRole {

  static final String NAME = "wfx";
  static final String DATABASE = "postgres";

  /** The role initdb makes; it keeps no password, so nobody logs in as it. */
  private static final String SUPERUSER = "postgres";

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private static final SecureRandom RANDOM = new SecureRandom();

  private RuntimeRole() {}

  /** In the data directory, which PostgreSQL itself keeps private (mode 0700). */
  static Path passwordFile(Path dataDir) {
    return dataDir.resolve("wfx.password");
  }

  /** The password kept by an earlier start; empty for a new data directory or an older wfx's. */
  static Optional<String> storedPassword(Path dataDir) throws IOException {
    try {
      return Optional.of(Files.readString(passwordFile(dataDir), UTF_8).trim());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** 256 random bits, in characters that need no quoting in SQL. */
  static String newPassword() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /**
   * Replaces the cluster's client authentication: only the runtime role, only to wfx's database,
   * only over loopback TCP, only with SCRAM-SHA-256. The server opens no Unix socket, so there is
   * nothing else to reach it by.
   */
  static void admitOnlyPasswordLogins(Path dataDir) throws IOException {
    String rules =
        """
        # Written by wfx at every start of its embedded PostgreSQL; changes here do not last.
        # TYPE  DATABASE  USER  ADDRESS       METHOD
        host    %1$s  %2$s   127.0.0.1/32  scram-sha-256
        host    %1$s  %2$s   ::1/128       scram-sha-256
        """
            .formatted(DATABASE, NAME);
    writePrivately(dataDir.resolve("pg_hba.conf"), rules);
  }

  /**
   * Makes the runtime role with {@code password}, hands it wfx's database and every object the
   * superuser owns in it (what an older wfx created as the superuser), and only then keeps the
   * password: a data directory without the password file is set up again on the next start.
   *
   * <p>The server is not running: PostgreSQL runs alone on the data directory, listening nowhere,
   * so nobody can log in before the rules and the password are in place.
   */
  static void create(Path dataDir, String password, PostgresBinaries binaries)
      throws IOException {
    List<String> command =
        binaries.command(
            "postgres",
            List.of(
                "--single",
                "-D",
                dataDir.toString(),
                "-F",
                "-j",
                // An error ends the session, and with it the transaction, with a non-zero status.
                "-c",
                "exit_on_error=on",
                "-c",
                "password_encryption=scram-sha-256",
                DATABASE));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var input = process.getOutputStream()) {
      input.write(setUpSql(password).getBytes(UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    int status;
    try {
      status = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted setting up the role of wfx", e);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "cannot set up the role of wfx in the embedded PostgreSQL in "
              + dataDir
              + " (status "
              + status
              + "): "
              + output.replace(password, "***"));
    }
    writePrivately(passwordFile(dataDir), password + System.lineSeparator());
  }

  /**
   * One transaction, in single-user mode's syntax: a statement ends at a semicolon followed by an
   * empty line. Every step can run again, so an interrupted set-up is simply repeated.
   */
  private static String setUpSql(String password) {
    return """
        BEGIN;

        DO $$
        BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
            CREATE ROLE %1$s;
          END IF;
        END
        $$;

        ALTER ROLE %1$s WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
          PASSWORD '%3$s';

        ALTER ROLE %2$s WITH PASSWORD NULL;

        ALTER DATABASE %4$s OWNER TO %1$s;

        DO $$
        DECLARE
          change text;
        BEGIN
          FOR change IN
            SELECT format('ALTER SCHEMA %%I OWNER TO %1$s', nspname)
            FROM pg_namespace
            WHERE nspowner = '%2$s'::regrole
              AND nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%%'
          LOOP
            EXECUTE change;
          END LOOP;
          FOR change IN
            SELECT format('ALTER %%s %%s OWNER TO %1$s',
                          CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                         WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                          c.oid::regclass)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relowner = '%2$s'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%%'
          LOOP
            EXECUTE change;
          END LOOP;
          -- A table's own sequences moved with it; these are the others.
          FOR change IN
            SELECT format('ALTER SEQUENCE %%s OWNER TO %1$s', c.oid::regclass)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relowner = '%2$s'::regrole AND c.relkind = 'S'
              AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%%'
          LOOP
            EXECUTE change;
          END LOOP;
          FOR change IN
            SELECT format('ALTER ROUTINE %%s OWNER TO %1$s', p.oid::regprocedure)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE p.proowner = '%2$s'::regrole
              AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%%'
          LOOP
            EXECUTE change;
          END LOOP;
        END
        $$;

        COMMIT;

        """
        .formatted(NAME, SUPERUSER, password, DATABASE);
  }

  /** Written whole under a temporary name first, so a crash leaves the old file or the new one. */
  private static void writePrivately(Path file, String content) throws IOException {
    Path written =
        Files.createTempFile(
            file.getParent(), file.getFileName().toString(), ".new", OWNER_READ_WRITE);
    try {
      Files.writeString(written, content, UTF_8);
      Files.move(
          written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(written);
    }
  }
}
