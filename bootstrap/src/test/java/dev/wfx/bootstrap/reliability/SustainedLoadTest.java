package dev.wfx.bootstrap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.bootstrap.WfxServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Mixed reads and writes at about 80% of the throughput measured just before: no 5xx, the pool's
 * connections all returned, and the figures (p99 of the first and last window, heap after GC)
 * printed. CI runs it for 20 s; {@code -Psoak} runs 5 minutes and also holds the latency and heap
 * to their bounds, which a short run on a shared machine cannot do fairly.
 */
class SustainedLoadTest {

  private static final int CLIENTS = 8;
  private static final int BATCH = 10;
  private static final long EVENTS_PER_EXECUTION = 500;
  private static final Duration WARM_UP = Duration.ofSeconds(4);
  private static final Duration CALIBRATION = Duration.ofSeconds(4);

  @Test
  void givenMixedLoadAtEightyPercent_whenSustained_thenNo5xxAndConnectionsReturned()
      throws Exception {
    Duration duration = Duration.parse(System.getProperty("wfx.load.duration", "PT20S"));
    boolean holdBounds = Boolean.parseBoolean(System.getProperty("wfx.load.hold-bounds", "false"));
    Duration window = duration.dividedBy(4).compareTo(Duration.ofMinutes(1)) > 0
        ? Duration.ofMinutes(1)
        : duration.dividedBy(4);
    try (TestDatabase database = TestDatabase.start()) {
      WfxServer server =
          WfxServer.start(
              Services.config(Services.settings(database.settings(), 0)),
              new PrintStream(OutputStream.nullOutputStream()));
      try {
        Api api = new Api(server.port(), Services.ADMIN_KEY);
        // Unmeasured first: a cold JIT and connection pool would understate the maximum.
        run(api, WARM_UP, 0);
        Run calibration = run(api, CALIBRATION, 0);
        double maxRate = calibration.requests.get() / (double) CALIBRATION.toSeconds();
        double rate = maxRate * 0.8;
        long heapBefore = heapAfterGc();
        Run load = run(api, duration, rate);
        long heapAfter = heapAfterGc();

        long first = p99(load.latencies, load.start, load.start + window.toNanos());
        long last = p99(load.latencies, load.end - window.toNanos(), load.end);
        long active = poolActive(api);
        System.out.printf(
            "LOAD duration=%s max_rate=%.0f/s target=%.0f/s requests=%d 5xx=%d other_errors=%d"
                + " p99_first_window_ms=%.1f p99_last_window_ms=%.1f ratio=%.2f"
                + " heap_after_gc_mib_before=%d after=%d pool_active_after=%d%n",
            duration,
            maxRate,
            rate,
            load.requests.get(),
            load.serverErrors.get(),
            load.failures.size(),
            first / 1e6,
            last / 1e6,
            last / (double) first,
            heapBefore >> 20,
            heapAfter >> 20,
            active);
        assertEquals(0, load.serverErrors.get(), "5xx answers");
        assertEquals(List.of(), load.failures);
        assertEquals(0, active, "every database connection is back in the pool");
        if (holdBounds) {
          assertTrue(last <= first * 1.5, "p99 of the last window within 1.5x of the first");
          assertTrue(heapAfter <= heapBefore + (64L << 20), "heap after GC is flat");
        }
      } finally {
        server.stop();
      }
    }
  }

  /** What the clients saw: [start, latency] of every answer. */
  private static final class Run {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<long[]> latencies = new CopyOnWriteArrayList<>();
    long start;
    long end;
  }

  /** {@code rate} 0: as fast as the clients go (calibration). */
  private static Run run(Api api, Duration duration, double rate) throws InterruptedException {
    Run run = new Run();
    AtomicBoolean going = new AtomicBoolean(true);
    long intervalNanos = rate == 0 ? 0 : (long) (CLIENTS * 1e9 / rate);
    List<Thread> clients = new ArrayList<>();
    run.start = System.nanoTime();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(Thread.ofPlatform().start(() -> client(api, run, going, intervalNanos)));
    }
    Thread.sleep(duration.toMillis());
    going.set(false);
    for (Thread client : clients) {
      client.join(Api.TIMEOUT.toMillis() * 2);
    }
    run.end = System.nanoTime();
    return run;
  }

  /** One client: a batch to its own execution, then four reads of it, paced to the interval. */
  private static void client(Api api, Run run, AtomicBoolean going, long intervalNanos) {
    String id = "load-" + UUID.randomUUID();
    long next = 1;
    long due = System.nanoTime();
    for (int turn = 0; going.get(); turn++) {
      boolean write = turn % 5 == 0;
      if (write && next > EVENTS_PER_EXECUTION) {
        id = "load-" + UUID.randomUUID();
        next = 1;
      }
      long start = System.nanoTime();
      Api.Answer answer =
          write
              ? api.post(id, Histories.batch(next, next + BATCH - 1, EVENTS_PER_EXECUTION))
              : api.get(id);
      run.latencies.add(new long[] {start, answer.nanos()});
      run.requests.incrementAndGet();
      if (answer.status() >= 500) {
        run.serverErrors.incrementAndGet();
      } else if (!answer.ok() && !(answer.status() == 404 && next == 1)) {
        run.failures.add(answer.status() + ": " + answer.body());
      } else if (write) {
        next += BATCH;
      }
      if (intervalNanos > 0) {
        // Open-ish loop: a jittered schedule, so the clients do not march in step.
        due += intervalNanos + ThreadLocalRandom.current().nextLong(-intervalNanos / 10, intervalNanos / 10 + 1);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          sleepNanos(wait);
        }
      }
    }
  }

  private static long p99(List<long[]> latencies, long from, long to) {
    long[] window =
        latencies.stream().filter(l -> l[0] >= from && l[0] < to).mapToLong(l -> l[1]).toArray();
    if (window.length == 0) {
      return 0;
    }
    Arrays.sort(window);
    return window[(int) Math.min(window.length - 1, Math.ceil(window.length * 0.99) - 1)];
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long poolActive(Api api) {
    Matcher matcher =
        Pattern.compile("(?m)^wfx_db_pool_active\\{[^}]*\\} ([0-9.]+)$")
            .matcher(api.path("/observe/metrics").body());
    assertTrue(matcher.find(), "the pool gauge is published");
    return (long) Double.parseDouble(matcher.group(1));
  }

  private static void sleepNanos(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
