package dev.wfx.adapter.persistence.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded PostgreSQL server whose data directory outlives it, for running without a database
 * server of one's own.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";
  /** How long an orphaned server gets to shut down before it is killed. */
  private static final long ORPHAN_STOP_SECONDS = 20;

  /** Null when attached to a server another process started on the same data directory. */
  private final EmbeddedPostgres server;

  private final int port;
  private final Path ownerFile;

  private EmbeddedDatabase(EmbeddedPostgres server, int port, Path ownerFile) {
    this.server = server;
    this.port = port;
    this.ownerFile = ownerFile;
  }

  /**
   * Starts PostgreSQL on {@code dataDir}, initialising it only when it holds no cluster yet, so the
   * data of earlier runs is kept.
   *
   * @param port 0 for any free port
   */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    Path ownerFile = ownerFile(dataDir);
    Optional<Integer> runningPort = runningServerPort(dataDir);
    if (runningPort.isPresent()) {
      if (!ownerIsGone(ownerFile)) {
        // A running wfx owns the directory; `wfx keys …` then talks to its server instead of failing.
        return new EmbeddedDatabase(null, runningPort.get(), ownerFile);
      }
      // Its owner was killed (kill -9, OOM killer) and left it running: nobody would ever stop it.
      runningServer(dataDir).ifPresent(orphan -> stopOrphan(orphan, dataDir));
    }
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir.toAbsolutePath())
              .setCleanDataDirectory(false)
              // The owner closes it; a JVM hook would race the pool's own shutdown.
              .setRegisterShutdownHook(false)
              // The library turns it off for speed; acknowledged batches must survive a crash.
              .setServerConfig("synchronous_commit", "on");
      if (port != 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres server = builder.start();
      Files.writeString(ownerFile, ownerLine(ProcessHandle.current()));
      return new EmbeddedDatabase(server, server.getPort(), ownerFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
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

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER;
  }

  public String user() {
    return USER;
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
