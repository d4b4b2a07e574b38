package dev.wfx.adapter.persistence.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL server whose data directory outlives it, for running without a database
 * server of one's own.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";

  private final EmbeddedPostgres server;

  private EmbeddedDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * Starts PostgreSQL on {@code dataDir}, initialising it only when it holds no cluster yet, so the
   * data of earlier runs is kept.
   *
   * @param port 0 for any free port
   */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir.toAbsolutePath())
              .setCleanDataDirectory(false)
              // The owner closes it; a JVM hook would race the pool's own shutdown.
              .setRegisterShutdownHook(false);
      if (port != 0) {
        builder.setPort(port);
      }
      return new EmbeddedDatabase(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  public String jdbcUrl() {
    return server.getJdbcUrl(USER, DATABASE);
  }

  public String user() {
    return USER;
  }

  public int port() {
    return server.getPort();
  }

  /** Stops the server with a fast shutdown; the data directory stays. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
  }
}
