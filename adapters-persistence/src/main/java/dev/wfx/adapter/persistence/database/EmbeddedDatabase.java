package dev.wfx.adapter.persistence.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An embedded PostgreSQL server whose data directory outlives it, for running without a database
 * server of one's own.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";

  /** Null when attached to a server another process started on the same data directory. */
  private final EmbeddedPostgres server;

  private final int port;

  private EmbeddedDatabase(EmbeddedPostgres server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts PostgreSQL on {@code dataDir}, initialising it only when it holds no cluster yet, so the
   * data of earlier runs is kept.
   *
   * @param port 0 for any free port
   */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    // A running wfx owns the directory; `wfx keys …` then talks to its server instead of failing.
    Optional<Integer> runningPort = runningServerPort(dataDir);
    if (runningPort.isPresent()) {
      return new EmbeddedDatabase(null, runningPort.get());
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
      return new EmbeddedDatabase(server, server.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  /**
   * The port of a live server on the directory, read from PostgreSQL's {@code postmaster.pid}
   * (line 1: its process id, line 4: its port); empty when none runs.
   */
  static Optional<Integer> runningServerPort(Path dataDir) {
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
  }
}
