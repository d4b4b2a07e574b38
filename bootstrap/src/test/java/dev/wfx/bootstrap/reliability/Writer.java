package dev.wfx.bootstrap.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Test fixture: a client that streams one execution's history in batches, as a Temporal exporter
 * would, resending a batch until it is acknowledged; it notes what it saw. Given several
 * instances, it sends each request to the next one, as a round-robin load balancer would.
 */
final class Writer implements Runnable {

  private final List<Api> instances;
  private final String executionId;
  private final int batchSize;
  private final long last;
  private final BooleanSupplier keepGoing;

  /** The last event id acknowledged (2xx); every event up to it must be stored. */
  final AtomicLong acknowledged = new AtomicLong();
  /** Batches acknowledged. */
  final AtomicLong acknowledgedBatches = new AtomicLong();
  /** Answers that break the rules: a status other than 2xx/503, a 503 without Retry-After, a half-stored batch. */
  final List<String> violations = new CopyOnWriteArrayList<>();
  /** Every answer, with when it was asked (System.nanoTime). */
  final List<long[]> timings = new CopyOnWriteArrayList<>();

  Writer(Api api, String executionId, int batchSize, long last, BooleanSupplier keepGoing) {
    this(List.of(api), executionId, batchSize, last, keepGoing);
  }

  Writer(
      List<Api> instances,
      String executionId,
      int batchSize,
      long last,
      BooleanSupplier keepGoing) {
    this.instances = List.copyOf(instances);
    this.executionId = executionId;
    this.batchSize = batchSize;
    this.last = last;
    this.keepGoing = keepGoing;
  }

  String executionId() {
    return executionId;
  }

  @Override
  public void run() {
    long next = acknowledged.get() + 1;
    int request = 0;
    while (next <= last && keepGoing.getAsBoolean()) {
      long to = Math.min(last, next + batchSize - 1);
      long start = System.nanoTime();
      Api api = instances.get(request++ % instances.size());
      Api.Answer answer = api.post(executionId, Histories.batch(next, to, last));
      timings.add(new long[] {start, answer.nanos(), answer.status()});
      if (answer.ok()) {
        long duplicates = answer.member("duplicates");
        // A batch is atomic: a resent one is either wholly stored already or not at all.
        if (duplicates != 0 && duplicates != to - next + 1) {
          violations.add("half-stored batch " + next + ".." + to + ": " + answer.body());
        }
        acknowledged.set(to);
        acknowledgedBatches.incrementAndGet();
        next = to + 1;
      } else if (answer.status() == 503) {
        if (!"1".equals(answer.retryAfter()) || !answer.body().contains("\"request_id\"")) {
          violations.add("503 without Retry-After or request id: " + answer.body());
        }
        pause();
      } else if (answer.status() != -1) {
        violations.add("batch " + next + ".." + to + " answered " + answer.status() + ": " + answer.body());
        pause();
      } else {
        // The service is gone (crash test): resend once it is back.
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
