package dev.wfx.adapter.persistence.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a local user who is not wfx's can do to the embedded PostgreSQL: log in without the
 * password, reach it through a socket file, plant programs for it to run, or make it stop servers
 * and delete directories in the shared temporary directory; and what wfx's own role may do once in.
 * The upgrade of an older wfx's data directory is in {@link EmbeddedDatabaseUpgradeTest}.
 */
class EmbeddedDatabaseSecurityTest {

  /** The library's property for its working directory, pointed here at a stand-in for /tmp. */
  private static final String LIBRARY_WORKING_DIRECTORY = "ot.epg.working-dir";

  /** Refused logins: bad credentials, no rule in pg_hba.conf, no password given. */
  private static final Set<String> REFUSED = Set.of("28P01", "28000", "08004");

  @TempDir static Path work;
  private static Path planted;
  private static EmbeddedDatabase database;

  @BeforeAll
  static void start() throws Exception {
    // What another user may leave in the library's shared directory: a "stale" server directory
    // whose lock is old enough for the library to stop the server it names and delete it.
    Path shared = Files.createDirectories(work.resolve("shared-tmp"));
    planted = Files.createDirectories(shared.resolve("planted"));
    Files.writeString(planted.resolve("keep-me"), "another user's file");
    Path lock = Files.writeString(planted.resolve("epg-lock"), "");
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    System.setProperty(LIBRARY_WORKING_DIRECTORY, shared.toString());
    try {
      database = EmbeddedDatabase.start(work.resolve("postgres"), 0);
    } finally {
      System.clearProperty(LIBRARY_WORKING_DIRECTORY);
    }
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void givenTheEmbeddedServer_whenLoggingInWithoutItsPassword_thenEveryLoginIsRefused()
      throws Exception {
    assertRefused(() -> connect("postgres", null));
    assertRefused(() -> connect("postgres", ""));
    assertRefused(() -> connect("postgres", database.password()));
    assertRefused(() -> connect(database.user(), null));
    assertRefused(() -> connect(database.user(), "not-the-password"));

    try (Connection connection = connect(database.user(), database.password())) {
      assertEquals(database.user(), single(connection, "SELECT current_user"));
    }
  }

  @Test
  void givenTheEmbeddedServer_thenItOpensNoSocketFile() throws Exception {
    assertFalse(
        Files.exists(Path.of("/tmp", ".s.PGSQL." + database.port())),
        "a socket file in /tmp, where every local user may connect to it");
    // PostgreSQL notes its socket directory (line 5) and listen addresses (line 6) there.
    List<String> pidFile = Files.readAllLines(work.resolve("postgres").resolve("postmaster.pid"));
    assertEquals("", pidFile.get(4), "the socket directory");
    assertEquals("localhost", pidFile.get(5).trim(), "the listen addresses");
  }

  @Test
  void givenTheRuntimeRole_whenItTriesWhatOnlyASuperuserMay_thenItIsRefused() throws Exception {
    try (Connection connection = connect(database.user(), database.password())) {
      assertEquals(
          "f", single(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
      assertEquals(
          database.user(),
          single(connection, "SELECT pg_get_userbyid(datdba) FROM pg_database"
              + " WHERE datname = current_database()"));
      assertPermissionDenied(connection, "COPY (SELECT 1) TO PROGRAM 'true'");
      assertPermissionDenied(connection, "SELECT pg_read_file('postgresql.conf')");
      assertPermissionDenied(connection, "ALTER SYSTEM SET listen_addresses = '*'");
      assertPermissionDenied(connection, "ALTER ROLE postgres PASSWORD 'known'");
    }
  }

  @Test
  void givenAStartedServer_thenItsPasswordAndBinariesAreItsUsersAlone() throws Exception {
    Path passwordFile = RuntimeRole.passwordFile(work.resolve("postgres"));
    assertEquals("rw-------", mode(passwordFile));
    assertOwnedByThisUser(passwordFile);
    assertEquals(database.password(), Files.readString(passwordFile).trim());

    Path binaries = EmbeddedDatabase.binariesDirectory(work.resolve("postgres"));
    assertEquals(work.resolve("postgres-bin"), binaries);
    assertEquals("rwx------", mode(binaries));
    assertOwnedByThisUser(binaries);
    assertEquals("rwx------", mode(binaries.resolve("unpacked")), "the library opened it to all");
    assertEquals("rwx------", mode(work.resolve("postgres")));
  }

  @Test
  void givenAStaleLookingDirectoryInTheSharedTemporaryDirectory_whenStarted_thenItIsLeftAlone() {
    assertTrue(Files.exists(planted.resolve("keep-me")), "the library deleted " + planted);
  }

  @Test
  void givenABinariesDirectoryOthersMayWriteTo_whenStarting_thenItIsRefusedAndNothingRuns(
      @TempDir Path other) throws Exception {
    Path binaries = Files.createDirectory(other.resolve("postgres-bin"));
    Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx"));

    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class, () -> EmbeddedDatabase.start(other.resolve("postgres"), 0));

    assertTrue(refused.getMessage().contains(binaries.toString()), refused.getMessage());
    assertTrue(refused.getMessage().contains("rwxrwxrwx"), refused.getMessage());
    assertFalse(Files.exists(other.resolve("postgres").resolve("PG_VERSION")), "initdb ran");
  }

  @Test
  void givenABinariesDirectoryThatIsALink_whenStarting_thenItIsRefused(@TempDir Path other)
      throws Exception {
    Path elsewhere = Files.createDirectory(other.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    Path binaries = Files.createSymbolicLink(other.resolve("postgres-bin"), elsewhere);

    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class, () -> EmbeddedDatabase.start(other.resolve("postgres"), 0));

    assertTrue(refused.getMessage().contains(binaries + ": it is a symbolic link"), refused.getMessage());
  }

  @Test
  void givenADirectoryOfAnotherUser_whenCheckedForBinaries_thenItIsRefused(@TempDir Path other)
      throws Exception {
    Path foreign = directoryOfAnotherUser(other);

    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> PrivateDirectory.requirePrivate(foreign, "PostgreSQL binaries"));

    assertTrue(refused.getMessage().contains("belongs to uid"), refused.getMessage());
  }

  /**
   * Root can give a directory away; anyone else cannot, and finds one of root's instead, so the
   * rule is checked as whichever user runs the tests.
   */
  private static Path directoryOfAnotherUser(Path work) throws Exception {
    if (new UnixSystem().getUid() != 0) {
      return Path.of("/");
    }
    Path foreign = Files.createDirectory(work.resolve("foreign"));
    Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwx------"));
    Files.setAttribute(foreign, "unix:uid", 65_534);
    return foreign;
  }

  private static Connection connect(String user, String password) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    if (password != null) {
      credentials.setProperty("password", password);
    }
    return DriverManager.getConnection(database.jdbcUrl(), credentials);
  }

  private static void assertRefused(Executable login) {
    SQLException refused = assertThrows(SQLException.class, login);
    assertTrue(REFUSED.contains(refused.getSQLState()), refused.getSQLState() + ": " + refused);
  }

  private static void assertPermissionDenied(Connection connection, String sql) {
    SQLException refused =
        assertThrows(SQLException.class, () -> single(connection, sql), "allowed: " + sql);
    assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (!statement.execute(sql)) {
        return null;
      }
      try (ResultSet rows = statement.getResultSet()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static void assertOwnedByThisUser(Path path) throws Exception {
    assertEquals(
        new UnixSystem().getUid(),
        ((Number) Files.getAttribute(path, "unix:uid")).longValue(),
        path + " belongs to another user");
  }
}
