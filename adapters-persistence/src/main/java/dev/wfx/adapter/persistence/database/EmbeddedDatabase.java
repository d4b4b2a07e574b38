package dev.wfx.adapter.persistence.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded PostgreSQL server whose data directory outlives it, for running without a database
 * server of one's own.
 *
 * <p>Other local users get nothing from it: its programs come from a private directory beside the
 * data directory, it opens no Unix socket, and it admits only wfx's {@link RuntimeRole} over
 * loopback TCP, with a password that only wfx's operating-system user can read.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /** How long the server may take to accept its first login. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  /** How long an orphaned server gets to shut down before it is killed. */
  private static final long ORPHAN_STOP_SECONDS = 20;

  /**
   * Where the library looks for its own leftovers when it makes a builder: by default a directory
   * in the shared temporary directory, where it would stop servers and delete directories that
   * anyone may put there.
   */
  private static final String LIBRARY_WORKING_DIRECTORY = "ot.epg.working-dir";

  /** Null when attached to a server another process started on the same data directory. */
  private final EmbeddedPostgres server;

  private final int port;
  private final String password;
  private final Path ownerFile;

  private EmbeddedDatabase(EmbeddedPostgres server, int port, String password, Path ownerFile) {
    this.server = server;
    this.port = port;
    this.password = password;
    this.ownerFile = ownerFile;
  }

  /**
   * Starts PostgreSQL on {@code dataDir}, initialising it only when it holds no cluster yet, so the
   * data of earlier runs is kept; a cluster of an older wfx (which let anyone in) is secured first.
   *
   * @param port 0 for any free port
   * @throws IllegalStateException when the binaries directory is not private to this user
   */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    Path ownerFile = ownerFile(dataDir);
    Optional<Integer> runningPort = runningServerPort(dataDir);
    if (runningPort.isPresent()) {
      if (!ownerIsGone(ownerFile)) {
        // A running wfx owns the directory; `wfx keys …` then talks to its server instead of failing.
        return attached(dataDir, runningPort.get());
      }
      // Its owner was killed (kill -9, OOM killer) and left it running: nobody would ever stop it.
      runningServer(dataDir).ifPresent(orphan -> stopOrphan(orphan, dataDir));
    }
    try {
      Files.createDirectories(dataDir);
      PostgresBinaries binaries = PostgresBinaries.in(binariesDirectory(dataDir));
      Optional<String> stored = RuntimeRole.storedPassword(dataDir);
      String password = stored.orElseGet(RuntimeRole::newPassword);
      EmbeddedPostgres.Builder builder =
          builderUsing(binaries)
              .setDataDirectory(dataDir.toAbsolutePath())
              .setCleanDataDirectory(false)
              // The owner closes it; a JVM hook would race the pool's own shutdown.
              .setRegisterShutdownHook(false)
              // The library's 10 s is too short for a first start (initdb, securing, start) on a
              // busy machine; a server that did not come up is stopped, so waiting costs nothing.
              .setPGStartupWait(STARTUP_WAIT)
              // The library turns it off for speed; acknowledged batches must survive a crash.
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("listen_addresses", "localhost")
              // No socket file, in /tmp or anywhere: loopback TCP with a password is the one way in.
              .setServerConfig("unix_socket_directories", "''")
              .setServerConfig("password_encryption", "scram-sha-256")
              // The library checks that the server is up by logging in with these.
              .setConnectConfig("user", RuntimeRole.NAME)
              .setConnectConfig("password", password)
              // Runs after initdb, before the server starts: it must never accept a login unsecured.
              .setDataDirectoryCustomizer(
                  directory -> secure(directory.toPath(), password, stored.isEmpty(), binaries));
      if (port != 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres server = startOrStopWhatStarted(builder, dataDir);
      binaries.closeUnpackDirectory();
      Files.writeString(ownerFile, ownerLine(ProcessHandle.current()));
      return new EmbeddedDatabase(server, server.getPort(), password, ownerFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  /**
   * The server another process runs on {@code dataDir}, to connect to; closing it leaves the
   * server running. Empty when none runs.
   *
   * @throws IllegalStateException when the server kept no password (an older wfx started it)
   */
  public static Optional<EmbeddedDatabase> running(Path dataDir) {
    return runningServerPort(dataDir).map(port -> attached(dataDir, port));
  }

  private static EmbeddedDatabase attached(Path dataDir, int port) {
    try {
      String password =
          RuntimeRole.storedPassword(dataDir)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the PostgreSQL running on "
                              + dataDir
                              + " was started by an older wfx, which kept no password for it:"
                              + " stop that wfx, then start again"));
      return new EmbeddedDatabase(null, port, password, ownerFile(dataDir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password of the PostgreSQL on " + dataDir, e);
    }
  }

  /** Beside the data directory, since initdb wants that one empty: {@code <data dir>-bin}. */
  static Path binariesDirectory(Path dataDir) {
    Path absolute = dataDir.toAbsolutePath();
    return absolute.resolveSibling(absolute.getFileName() + "-bin");
  }

  private static synchronized EmbeddedPostgres.Builder builderUsing(PostgresBinaries binaries) {
    String before = System.setProperty(LIBRARY_WORKING_DIRECTORY, binaries.directory().toString());
    try {
      return EmbeddedPostgres.builder()
          .setPgBinaryResolver(binaries)
          .setOverrideWorkingDirectory(binaries.unpackDirectory().toFile());
    } finally {
      if (before == null) {
        System.clearProperty(LIBRARY_WORKING_DIRECTORY);
      } else {
        System.setProperty(LIBRARY_WORKING_DIRECTORY, before);
      }
    }
  }

  /**
   * Before every start: only password logins of the runtime role; and for a data directory
   * without a kept password (new, or of an older wfx) the role itself, owning what is there.
   */
  private static void secure(
      Path dataDir, String password, boolean setUp, PostgresBinaries binaries) {
    try {
      RuntimeRole.admitOnlyPasswordLogins(dataDir);
      if (setUp) {
        RuntimeRole.create(dataDir, password, binaries);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot secure the embedded PostgreSQL in " + dataDir, e);
    }
  }

  /** The library gives up waiting for a server that does not let it in, but leaves it running. */
  private static EmbeddedPostgres startOrStopWhatStarted(
      EmbeddedPostgres.Builder builder, Path dataDir) throws IOException {
    try {
      return builder.start();
    } catch (IOException | RuntimeException e) {
      runningServer(dataDir).ifPresent(left -> stopOrphan(left, dataDir));
      throw e;
    }
  }

  /** In the data directory, where PostgreSQL ignores files it does not know. */
  static Path ownerFile(Path dataDir) {
    return dataDir.resolve("wfx.owner");
  }

  /** The process id and start time, so that a process id used again is not taken for the owner. */
  private static String ownerLine(ProcessHandle process) {
    return process.pid()
        + " "
        + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L)
        + System.lineSeparator();
  }

  /**
   * Whether the owner file names a process that no longer runs; without the file, the server's
   * owner is unknown (a wfx of an earlier version) and taken to be alive.
   */
  static boolean ownerIsGone(Path ownerFile) {
    try {
      String[] owner = Files.readString(ownerFile).trim().split(" ");
      long pid = Long.parseLong(owner[0]);
      long started = Long.parseLong(owner[1]);
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(process -> ownerLine(process).trim().equals(pid + " " + started))
          .isEmpty();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Stops a server left by a dead owner: SIGTERM lets it finish and end cleanly (its clients died
   * with the owner); one that does not end in time is killed, and the next start recovers it from
   * its write-ahead log like after a power cut.
   */
  private static void stopOrphan(ProcessHandle postmaster, Path dataDir) {
    List<ProcessHandle> children = postmaster.descendants().toList();
    postmaster.destroy();
    try {
      postmaster.onExit().get(ORPHAN_STOP_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      postmaster.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot stop the orphaned PostgreSQL in " + dataDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted stopping the orphaned PostgreSQL", e);
    }
  }

  /** The live postmaster of the directory, from line 1 of {@code postmaster.pid}. */
  public static Optional<ProcessHandle> runningServer(Path dataDir) {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
      return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The port of a live server on the directory, read from PostgreSQL's {@code postmaster.pid}
   * (line 1: its process id, line 4: its port); empty when none runs.
   */
  public static Optional<Integer> runningServerPort(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(process -> port);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Without credentials: {@link #user()} and {@link #password()} go with it. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + RuntimeRole.DATABASE;
  }

  /** The runtime role, which owns wfx's objects and is no superuser. */
  public String user() {
    return RuntimeRole.NAME;
  }

  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /** Stops the server it started with a fast shutdown; the data directory stays. */
  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.close();
      Files.deleteIfExists(ownerFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
  }
}
