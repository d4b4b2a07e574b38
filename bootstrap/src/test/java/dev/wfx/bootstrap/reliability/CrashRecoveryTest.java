package dev.wfx.bootstrap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.adapter.persistence.database.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the service while clients stream batches: after a restart every acknowledged batch is
 * stored exactly once, no batch is stored in part, and clients that resend converge; on an external
 * PostgreSQL and on the embedded default, whose server outlives the killed service.
 */
class CrashRecoveryTest {

  private static final int BATCH = 10;
  private static final long LAST = 600;
  private static final int WRITERS = 8;

  @TempDir Path work;

  /** How the service under test is started, and a connection to the database it writes to. */
  private interface Deployment {
    ServiceProcess start(int port, Path log);

    Connection connect() throws Exception;
  }

  @Test
  void givenStreamingClients_whenTheServiceIsKilled_thenAcknowledgedBatchesSurviveWhole()
      throws Exception {
    try (TestDatabase database = TestDatabase.start()) {
      crashAndRecover(
          "external",
          new Deployment() {
            @Override
            public ServiceProcess start(int port, Path log) {
              return ServiceProcess.start(database.settings(), port, log);
            }

            @Override
            public Connection connect() throws Exception {
              return database.persistence().dataSource().getConnection();
            }
          },
          ServiceProcess::kill);
    }
  }

  @Test
  void givenTheEmbeddedDefault_whenTheServiceIsKilled_thenTheRestartReplacesTheOrphanedServer()
      throws Exception {
    Path dataDir = work.resolve("data");
    Path pgData = dataDir.resolve("postgres");
    try {
      crashAndRecover(
          "embedded",
          new Deployment() {
            @Override
            public ServiceProcess start(int port, Path log) {
              return ServiceProcess.start(Services.embeddedSettings(dataDir, port), port, log);
            }

            @Override
            public Connection connect() throws Exception {
              // The orphan the kill left: to be read, not stopped, so not start()ed.
              EmbeddedDatabase orphan = EmbeddedDatabase.running(pgData).orElseThrow();
              return DriverManager.getConnection(
                  orphan.jdbcUrl(), orphan.user(), orphan.password());
            }
          },
          service -> {
            long orphan = EmbeddedDatabase.runningServer(pgData).orElseThrow().pid();
            service.kill();
            // kill -9 runs no hook: the service's PostgreSQL is left running without an owner.
            assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false));
          });
      assertTrue(
          EmbeddedDatabase.runningServer(pgData).isEmpty(),
          "the restarted service stopped its PostgreSQL on SIGTERM");
    } finally {
      // A failed assertion must not leave a PostgreSQL behind on the machine.
      Optional<ProcessHandle> left = EmbeddedDatabase.runningServer(pgData);
      left.ifPresent(
          server -> {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
          });
    }
  }

  /** What ends the first service. */
  private interface Crash {
    void crash(ServiceProcess service) throws Exception;
  }

  private void crashAndRecover(String variant, Deployment deployment, Crash crash)
      throws Exception {
    int port = Services.freePort();
    Path log = work.resolve("wfx-" + variant + ".log");
    List<Writer> writers = new ArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    long acknowledgedBeforeCrash;
    try (ServiceProcess service = deployment.start(port, log)) {
      Api api = new Api(port, Services.ADMIN_KEY);
      for (int i = 0; i < WRITERS; i++) {
        writers.add(new Writer(api, "crash-" + UUID.randomUUID(), BATCH, LAST, running::get));
      }
      for (Writer writer : writers) {
        threads.add(Thread.ofPlatform().name("writer").start(writer));
      }
      // Kill mid-stream: once about a quarter of the batches is acknowledged.
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (writers.stream().mapToLong(w -> w.acknowledgedBatches.get()).sum()
              < WRITERS * LAST / BATCH / 4
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      crash.crash(service);
      Thread.sleep(300);
      acknowledgedBeforeCrash = writers.stream().mapToLong(w -> w.acknowledged.get()).sum();
    }

    try {
      assertTrue(acknowledgedBeforeCrash < WRITERS * LAST, "the crash came mid-stream");
      long storedAfterCrash = 0;
      try (Connection connection = deployment.connect()) {
        for (Writer writer : writers) {
          long length =
              single(
                  connection,
                  "SELECT coalesce(max(history_length), 0) FROM runs WHERE execution_id = ?",
                  writer.executionId());
          long rows =
              single(
                  connection,
                  "SELECT count(*) FROM history_events h JOIN runs r ON r.seq = h.run_seq"
                      + " WHERE r.execution_id = ?",
                  writer.executionId());
          assertEquals(length, rows, "the execution row and its events agree");
          assertEquals(0, length % BATCH, "only whole batches are stored: " + length);
          assertTrue(length >= writer.acknowledged.get(), "acknowledged events are stored");
          storedAfterCrash += length;
        }
      }
      System.out.printf(
          "CRASH %s acknowledged_events=%d stored_events=%d (batches of %d; stored-but-unacknowledged=%d)%n",
          variant,
          acknowledgedBeforeCrash,
          storedAfterCrash,
          BATCH,
          storedAfterCrash - acknowledgedBeforeCrash);

      // Clients retry their unacknowledged batch against the restarted service and finish.
      try (ServiceProcess service = deployment.start(port, log)) {
        Api api = new Api(service.port, Services.ADMIN_KEY);
        for (Thread thread : threads) {
          thread.join(Api.TIMEOUT.toMillis() * 4);
        }
        for (Writer writer : writers) {
          assertEquals(List.of(), writer.violations);
          assertEquals(LAST, writer.acknowledged.get());
          Api.Document document = Api.document(api.get(writer.executionId()));
          assertEquals(LAST, document.historyLength());
          assertEquals("COMPLETED", document.status());
          assertEquals(LongStream.rangeClosed(1, LAST).boxed().toList(), document.eventIds());
        }
        // SIGTERM, so that the service stops its embedded PostgreSQL as an operator's stop would.
        service.terminate(Duration.ofSeconds(30));
      }
    } finally {
      running.set(false);
    }
  }

  private static long single(Connection connection, String sql, String id) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
