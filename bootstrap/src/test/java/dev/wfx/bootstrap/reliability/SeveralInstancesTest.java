package dev.wfx.bootstrap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.access.IssueApiKey;
import dev.wfx.application.access.IssueApiKeyService;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three wfx processes on one PostgreSQL, requests spread over them as a round-robin load balancer
 * would (issue #17): a read on any instance reflects every append acknowledged before it by any
 * instance, whatever its document cache held; the instances agree on every document and ETag; a
 * key revoked is refused by all of them at once; the race of {@link ConcurrentWritersTest} holds
 * across them; and a killed instance loses no acknowledged write.
 */
class SeveralInstancesTest {

  private static final int INSTANCES = 3;
  private static final int EXECUTIONS = 4;
  private static final int BATCH = 10;
  private static final long LAST = 150;

  @TempDir static Path logs;
  private static TestDatabase database;
  private static Instances instances;
  private static List<Api> apis;

  @BeforeAll
  static void start() {
    database = TestDatabase.start();
    instances = Instances.start(INSTANCES, database.settings(), logs);
    apis = instances.apis(Services.ADMIN_KEY);
  }

  @AfterAll
  static void stop() {
    if (instances != null) {
      instances.close();
    }
    database.close();
  }

  @Test
  void givenAppendsThroughOneInstance_whenEveryInstanceReads_thenEachServesTheAcknowledgedDocument()
      throws InterruptedException {
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicLong reads = new AtomicLong();
    AtomicLong conditionals = new AtomicLong();
    List<Thread> writers = new ArrayList<>();
    for (int e = 0; e < EXECUTIONS; e++) {
      int first = e;
      writers.add(
          Thread.ofPlatform()
              .start(
                  () ->
                      appendAndReadEverywhere(
                          "spread-" + UUID.randomUUID(), first, violations, reads, conditionals)));
    }
    for (Thread writer : writers) {
      writer.join(120_000);
    }

    System.out.printf(
        "INSTANCES instances=%d executions=%d appends=%d reads_checked=%d conditional_reads=%d violations=%d%n",
        INSTANCES,
        EXECUTIONS,
        EXECUTIONS * LAST / BATCH,
        reads.get(),
        conditionals.get(),
        violations.size());
    assertEquals(List.of(), violations);
    assertEquals(EXECUTIONS * (LAST / BATCH) * INSTANCES, reads.get());
  }

  /**
   * Appends one execution batch by batch, each through the next instance. Before each append every
   * instance reads the execution, so each holds the then-current document in its cache; after the
   * acknowledgement every instance must serve the new one, byte for byte the same with the same
   * ETag, refuse a 304 for the old ETag and give one for the new.
   */
  private static void appendAndReadEverywhere(
      String id, int first, List<String> violations, AtomicLong reads, AtomicLong conditionals) {
    String previousTag = null;
    int request = first;
    for (long from = 1; from <= LAST; from += BATCH) {
      long to = from + BATCH - 1;
      if (previousTag != null) {
        for (Api api : apis) {
          api.get(id);
        }
      }
      Api.Answer appended = apis.get(request++ % INSTANCES).post(id, Histories.batch(from, to, LAST));
      if (!appended.ok()) {
        violations.add(id + " batch " + from + " answered " + appended.status() + appended.body());
        return;
      }
      String body = null;
      String tag = null;
      for (int i = 0; i < INSTANCES; i++) {
        Api api = apis.get((request + i) % INSTANCES);
        Api.Answer read = api.get(id);
        reads.incrementAndGet();
        if (read.status() != 200) {
          violations.add(id + " read after " + to + " answered " + read.status());
          continue;
        }
        long length = Api.document(read).historyLength();
        if (length != to) {
          violations.add(id + " instance served length " + length + " after " + to + " was acknowledged");
        }
        if (body == null) {
          body = read.body();
          tag = read.entityTag();
        } else if (!body.equals(read.body()) || !tag.equals(read.entityTag())) {
          violations.add(id + " instances disagree after " + to + ": " + tag + " vs " + read.entityTag());
        }
      }
      if (previousTag != null && tag != null) {
        Api stale = apis.get(request % INSTANCES);
        int old = stale.getIfNoneMatch(id, previousTag).status();
        int current = apis.get((request + 1) % INSTANCES).getIfNoneMatch(id, tag).status();
        conditionals.addAndGet(2);
        if (old != 200 || current != 304) {
          violations.add(id + " If-None-Match after " + to + ": old tag " + old + ", current " + current);
        }
      }
      previousTag = tag;
    }
  }

  @Test
  void givenSixteenWritersAndReadersSpreadOverTheInstances_whenBatchesOverlap_thenTheHistoryIsTheExactUnion()
      throws InterruptedException {
    ConcurrentWritersTest.race(apis);
  }

  @Test
  void givenAKeyEveryInstanceHolds_whenRevoked_thenEveryInstanceRefusesItAtOnce() throws Exception {
    IssueApiKey.IssuedKey key =
        new IssueApiKeyService(database.persistence().apiKeys(), Clock.systemUTC())
            .issue(new IssueApiKey.Command(RoleType.USER, WorkspaceId.of("ws-keys"), false));
    List<Api> withKey = instances.apis(key.secret());
    for (int i = 0; i < INSTANCES; i++) {
      awaitKeyCacheInUse(apis.get(i));
      // Twice: the second lookup is served from the instance's memory.
      assertEquals(404, withKey.get(i).get("never-stored").status(), "a valid key reads");
      assertEquals(404, withKey.get(i).get("never-stored").status(), "a valid key reads");
    }

    long started = System.nanoTime();
    // The adapter's revoke returns once every listening session (each instance's) confirmed it.
    assertTrue(database.persistence().apiKeys().revoke(key.id(), Instant.now()));
    long revokeMillis = (System.nanoTime() - started) / 1_000_000;

    List<Integer> answers = withKey.stream().map(api -> api.get("never-stored").status()).toList();
    System.out.printf("INSTANCES revocation instances=%d revoke_ms=%d answers=%s%n", INSTANCES, revokeMillis, answers);
    assertEquals(List.of(401, 401, 401), answers);
  }

  @Test
  void givenClientsSpreadOverTheInstances_whenOneIsKilled_thenTheOthersTakeOverAndNothingAcknowledgedIsLost()
      throws Exception {
    Path log = logs.resolve("wfx-killed.log");
    AtomicBoolean running = new AtomicBoolean(true);
    try (ServiceProcess doomed =
        ServiceProcess.start(database.settings(), Services.freePort(), log)) {
      List<Api> spread = new ArrayList<>(apis);
      spread.add(new Api(doomed.port, Services.ADMIN_KEY));
      List<Writer> writers = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < EXECUTIONS; i++) {
        // Each writer starts at another instance; every request goes to the next one.
        List<Api> rotated = new ArrayList<>(spread.subList(i % spread.size(), spread.size()));
        rotated.addAll(spread.subList(0, i % spread.size()));
        writers.add(new Writer(rotated, "killed-" + UUID.randomUUID(), BATCH, LAST * 2, running::get));
      }
      writers.forEach(writer -> threads.add(Thread.ofPlatform().name("writer").start(writer)));
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (writers.stream().mapToLong(w -> w.acknowledgedBatches.get()).sum()
              < EXECUTIONS * LAST * 2 / BATCH / 3
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      doomed.kill();
      long acknowledgedAtKill = writers.stream().mapToLong(w -> w.acknowledged.get()).sum();
      for (Thread thread : threads) {
        thread.join(120_000);
      }

      System.out.printf(
          "INSTANCES crash instances=%d+1 acknowledged_at_kill=%d of %d%n",
          INSTANCES, acknowledgedAtKill, EXECUTIONS * LAST * 2);
      assertTrue(acknowledgedAtKill < EXECUTIONS * LAST * 2, "the kill came mid-stream");
      for (Writer writer : writers) {
        assertEquals(List.of(), writer.violations);
        assertEquals(LAST * 2, writer.acknowledged.get());
        for (Api api : apis) {
          Api.Document document = Api.document(api.get(writer.executionId()));
          assertEquals(LongStream.rangeClosed(1, LAST * 2).boxed().toList(), document.eventIds());
          assertEquals("COMPLETED", document.status());
        }
      }
    } finally {
      running.set(false);
    }
  }

  private static final Pattern CACHE_IN_USE =
      Pattern.compile("(?m)^wfx_api_key_cache_in_use(\\{[^}]*\\})? ([0-9.]+)$");

  /** Waits until the instance serves key lookups from memory (its listener is current). */
  private static void awaitKeyCacheInUse(Api api) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      Matcher gauge = CACHE_IN_USE.matcher(api.path("/observe/metrics").body());
      if (gauge.find() && Double.parseDouble(gauge.group(2)) == 1) {
        return;
      }
      // A lookup starts the listener.
      api.get("never-stored");
      Thread.sleep(20);
    }
    throw new AssertionError("an instance did not serve key lookups from memory within 10 s");
  }
}
