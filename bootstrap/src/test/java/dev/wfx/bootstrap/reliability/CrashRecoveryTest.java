package dev.wfx.bootstrap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the service while clients stream batches: after a restart every acknowledged batch is
 * stored exactly once, no batch is stored in part, and clients that resend converge.
 */
class CrashRecoveryTest {

  private static final int BATCH = 10;
  private static final long LAST = 600;
  private static final int WRITERS = 8;

  @TempDir Path logs;

  @Test
  void givenStreamingClients_whenTheServiceIsKilled_thenAcknowledgedBatchesSurviveWhole()
      throws Exception {
    try (TestDatabase database = TestDatabase.start()) {
      int port = Services.freePort();
      Path log = logs.resolve("wfx.log");
      List<Writer> writers = new ArrayList<>();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> threads = new ArrayList<>();
      long acknowledgedBeforeCrash;
      try (ServiceProcess service = ServiceProcess.start(database.settings(), port, log)) {
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
        service.kill();
        Thread.sleep(300);
        acknowledgedBeforeCrash = writers.stream().mapToLong(w -> w.acknowledged.get()).sum();
      }

      assertTrue(acknowledgedBeforeCrash < WRITERS * LAST, "the crash came mid-stream");
      long storedAfterCrash = 0;
      for (Writer writer : writers) {
        long length = historyLength(database, writer.executionId());
        long rows = rows(database, writer.executionId());
        assertEquals(length, rows, "the execution row and its events agree");
        assertEquals(0, length % BATCH, "only whole batches are stored: " + length);
        assertTrue(length >= writer.acknowledged.get(), "acknowledged events are stored");
        storedAfterCrash += length;
      }
      System.out.printf(
          "CRASH acknowledged_events=%d stored_events=%d (batches of %d; stored-but-unacknowledged=%d)%n",
          acknowledgedBeforeCrash,
          storedAfterCrash,
          BATCH,
          storedAfterCrash - acknowledgedBeforeCrash);

      // Clients retry their unacknowledged batch against the restarted service and finish.
      try (ServiceProcess service = ServiceProcess.start(database.settings(), port, log)) {
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
      } finally {
        running.set(false);
      }
    }
  }

  private static long historyLength(TestDatabase database, String id) throws Exception {
    return single(database, "SELECT coalesce(max(history_length), 0) FROM executions WHERE id = ?", id);
  }

  private static long rows(TestDatabase database, String id) throws Exception {
    return single(database, "SELECT count(*) FROM history_events WHERE execution_id = ?", id);
  }

  private static long single(TestDatabase database, String sql, String id) throws Exception {
    try (Connection connection = database.persistence().dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
