package dev.wfx.bootstrap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.bootstrap.WfxServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * 16 writers send overlapping batches of one execution while readers read it: the stored history
 * is the exact union, every answer is 2xx or 409, and no reader sees a torn history or one shorter
 * than it saw before, from whichever instance it reads.
 */
class ConcurrentWritersTest {

  private static final int WRITERS = 16;
  private static final int READERS = 4;
  private static final int BATCH = 10;
  private static final int STEP = 5;
  private static final long LAST = 200;

  @Test
  void givenSixteenWritersAndReaders_whenBatchesOverlap_thenTheHistoryIsTheExactUnion()
      throws Exception {
    try (TestDatabase database = TestDatabase.start()) {
      WfxServer server =
          WfxServer.start(
              Services.config(Services.settings(database.settings(), 0)),
              new PrintStream(OutputStream.nullOutputStream()));
      try {
        race(List.of(new Api(server.port(), Services.ADMIN_KEY)));
      } finally {
        server.stop();
      }
    }
  }

  /**
   * The race on these instances: each writer and reader sends each request to the next instance;
   * {@link SeveralInstancesTest} runs it over three processes.
   */
  static void race(List<Api> instances) throws InterruptedException {
    String id = "race-" + UUID.randomUUID();
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicLong conflicts = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int first = w;
      writers.add(
          Thread.ofPlatform().start(() -> write(instances, first, id, violations, conflicts)));
    }
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      int first = r;
      readers.add(
          Thread.ofPlatform().start(() -> read(instances, first, id, writing, violations, reads)));
    }
    for (Thread writer : writers) {
      writer.join(120_000);
    }
    writing.set(false);
    for (Thread reader : readers) {
      reader.join(30_000);
    }

    System.out.printf(
        "RACE instances=%d writers=%d batches_each=%d conflicts_409=%d reads=%d",
        instances.size(), WRITERS, (LAST - BATCH) / STEP + 1, conflicts.get(), reads.get());
    assertEquals(List.of(), violations);
    for (Api api : instances) {
      Api.Document document = Api.document(api.get(id));
      System.out.printf(" final_length=%d", document.historyLength());
      assertEquals(LAST, document.historyLength());
      assertEquals("COMPLETED", document.status());
      assertEquals(LongStream.rangeClosed(1, LAST).boxed().toList(), document.eventIds());
    }
    System.out.println();
  }

  /**
   * Batches 1-10, 6-15, 11-20, …: each overlaps the one before; a 409 is resent. Each request goes
   * to the next instance, starting with the {@code first}.
   */
  private static void write(
      List<Api> instances, int first, String id, List<String> violations, AtomicLong conflicts) {
    int request = first;
    for (long from = 1; from + BATCH - 1 <= LAST; from += STEP) {
      long to = from + BATCH - 1;
      for (int attempt = 1; ; attempt++) {
        Api api = instances.get(request++ % instances.size());
        Api.Answer answer = api.post(id, Histories.batch(from, to, LAST));
        if (answer.ok()) {
          long duplicates = answer.member("duplicates");
          long appended = answer.member("appended");
          if (duplicates + appended != BATCH) {
            violations.add("batch " + from + ".." + to + " counted " + answer.body());
          }
          break;
        }
        if (answer.status() != 409 || attempt == 50) {
          violations.add("batch " + from + ".." + to + " answered " + answer.status() + ": " + answer.body());
          return;
        }
        conflicts.incrementAndGet();
      }
    }
  }

  /**
   * Every document read is a prefix of the final history, consistent in itself, and never shorter
   * than the one read before it, from whichever instance.
   */
  private static void read(
      List<Api> instances,
      int first,
      String id,
      AtomicBoolean writing,
      List<String> violations,
      AtomicLong reads) {
    long seen = 0;
    int request = first;
    while (writing.get()) {
      Api.Answer answer = instances.get(request++ % instances.size()).get(id);
      if (answer.status() == 404) {
        continue;
      }
      if (answer.status() != 200) {
        violations.add("read answered " + answer.status() + ": " + answer.body());
        return;
      }
      reads.incrementAndGet();
      Api.Document document = Api.document(answer);
      long length = document.historyLength();
      boolean consistent =
          document.eventIds().equals(LongStream.rangeClosed(1, length).boxed().toList())
              && document.status().equals(length == LAST ? "COMPLETED" : "RUNNING")
              && length >= seen;
      if (!consistent) {
        violations.add("torn read after length " + seen + ": " + document);
        return;
      }
      seen = length;
    }
  }
}
