package dev.wfx.bootstrap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.DatabaseSettings;
import dev.wfx.adapter.persistence.database.EmbeddedDatabase;
import dev.wfx.bootstrap.WfxServer;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database stops under load and comes back: requests answer 503 with Retry-After within the
 * pool's timeout, readiness is DOWN, the service recovers by itself, and every acknowledged batch
 * is stored whole; whether the database shuts down in order or is killed outright.
 */
class DatabaseOutageTest {

  private static final Duration OUTAGE = Duration.ofSeconds(4);
  // The pool's connection timeout (2 s) and slack for a machine shared with other builds.
  private static final Duration MAX_ANSWER_DURING_OUTAGE = Duration.ofMillis(3_500);
  private static final Duration MAX_RECOVERY = Duration.ofSeconds(5);

  @TempDir Path dataDir;

  /** How the database goes away. */
  enum Stop {
    /** A fast shutdown: sessions are ended, a checkpoint is written. */
    FAST,
    /** SIGKILL of the postmaster and every backend: no goodbye, crash recovery on restart. */
    KILL
  }

  @ParameterizedTest
  @EnumSource(Stop.class)
  void givenLoad_whenTheDatabaseStopsAndReturns_thenFast503sAndNoAcknowledgedWriteIsLost(Stop stop)
      throws Exception {
    int dbPort = Services.freePort();
    EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"), dbPort);
    DatabaseSettings settings =
        DatabaseSettings.external(database.jdbcUrl(), database.user(), database.password());
    WfxServer server =
        WfxServer.start(
            Services.config(Services.settings(settings, 0)),
            new PrintStream(OutputStream.nullOutputStream()));
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    try {
      Api api = new Api(server.port(), Services.ADMIN_KEY);
      List<Writer> writers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        writers.add(new Writer(api, "outage-" + UUID.randomUUID(), 5, 1_000_000, running::get));
      }
      for (Writer writer : writers) {
        threads.add(Thread.ofPlatform().name("writer").start(writer));
      }
      Thread.sleep(2_000);

      stop(database, stop);
      long outageStart = System.nanoTime();
      Api.Answer readyDuringOutage = awaitReadiness(api, 503, Duration.ofSeconds(4));
      Thread.sleep(Math.max(0, OUTAGE.toMillis() - elapsedMillis(outageStart)));
      long outageEnd = System.nanoTime();
      database = EmbeddedDatabase.start(dataDir.resolve("postgres"), dbPort);
      long restarted = System.nanoTime();
      awaitReadiness(api, 200, MAX_RECOVERY.plusSeconds(5));
      long readyAgain = System.nanoTime();
      long acknowledgedAtRecovery = writers.stream().mapToLong(w -> w.acknowledgedBatches.get()).sum();
      awaitProgress(writers, acknowledgedAtRecovery, MAX_RECOVERY.plusSeconds(5));
      long writingAgain = System.nanoTime();
      Thread.sleep(1_000);
      running.set(false);
      for (Thread thread : threads) {
        thread.join(Api.TIMEOUT.toMillis() * 2);
      }

      long maxDuringOutage = 0;
      long answersDuringOutage = 0;
      long unavailable = 0;
      for (Writer writer : writers) {
        assertEquals(List.of(), writer.violations);
        for (long[] timing : writer.timings) {
          if (timing[0] >= outageStart && timing[0] < outageEnd) {
            answersDuringOutage++;
            maxDuringOutage = Math.max(maxDuringOutage, timing[1]);
            unavailable += timing[2] == 503 ? 1 : 0;
          }
        }
      }
      long recoveryMillis = (Math.max(readyAgain, writingAgain) - restarted) / 1_000_000;
      System.out.printf(
          "OUTAGE %s answers_during=%d of_which_503=%d max_answer_ms=%d readiness_during=%d"
              + " recovery_ms=%d (readiness %d ms, writes %d ms)%n",
          stop,
          answersDuringOutage,
          unavailable,
          maxDuringOutage / 1_000_000,
          readyDuringOutage.status(),
          recoveryMillis,
          (readyAgain - restarted) / 1_000_000,
          (writingAgain - restarted) / 1_000_000);
      assertEquals(503, readyDuringOutage.status());
      assertTrue(readyDuringOutage.body().contains("DOWN"), readyDuringOutage.body());
      assertTrue(unavailable > 0, "writes during the outage were answered 503");
      assertTrue(
          maxDuringOutage <= MAX_ANSWER_DURING_OUTAGE.toNanos(),
          "slowest answer during the outage: " + maxDuringOutage / 1_000_000 + " ms");
      assertTrue(recoveryMillis <= MAX_RECOVERY.toMillis(), "recovery took " + recoveryMillis + " ms");

      for (Writer writer : writers) {
        Api.Document document = Api.document(api.get(writer.executionId()));
        long stored = document.historyLength();
        assertEquals(writer.acknowledged.get(), stored, "every acknowledged event, nothing else");
        assertEquals(LongStream.rangeClosed(1, stored).boxed().toList(), document.eventIds());
        assertEquals(stored, storedRows(database, writer.executionId()), "no orphan event rows");
      }
    } finally {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(Api.TIMEOUT.toMillis() * 2);
      }
      server.stop();
      database.close();
    }
  }

  private void stop(EmbeddedDatabase database, Stop stop) {
    if (stop == Stop.KILL) {
      ProcessHandle postmaster =
          EmbeddedDatabase.runningServer(dataDir.resolve("postgres")).orElseThrow();
      List<ProcessHandle> backends = postmaster.descendants().toList();
      postmaster.destroyForcibly();
      backends.forEach(ProcessHandle::destroyForcibly);
      postmaster.onExit().join();
      backends.forEach(backend -> backend.onExit().join());
    }
    // After a kill this finds no server to stop; it still lets go of the directory's lock.
    database.close();
  }

  private static Api.Answer awaitReadiness(Api api, int status, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    Api.Answer answer = api.path("/observe/health/ready");
    while (answer.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(50);
      answer = api.path("/observe/health/ready");
    }
    return answer;
  }

  private static void awaitProgress(List<Writer> writers, long acknowledged, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (writers.stream().mapToLong(w -> w.acknowledgedBatches.get()).sum() <= acknowledged
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static long elapsedMillis(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  static long storedRows(EmbeddedDatabase database, String executionId) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement count =
            connection.prepareStatement(
                "SELECT count(*) FROM history_events h JOIN runs r ON r.seq = h.run_seq"
                    + " WHERE r.execution_id = ?")) {
      count.setString(1, executionId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
