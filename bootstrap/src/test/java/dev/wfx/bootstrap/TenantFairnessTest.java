package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.domain.access.RoleType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * One tenant must not starve the others (issue #12): a service key of one workspace uploading large
 * batches from many threads at once gets some of them answered 429 with {@code Retry-After} — never
 * a 503 or a 500 — while a reader of another workspace keeps getting its answers.
 */
class TenantFairnessTest {

  private static final int WRITERS = 8;
  private static final int BATCHES_PER_WRITER = 3;
  private static final int EVENTS_PER_BATCH = 5_000;

  @Test
  void givenOneKeyUploadingFromManyThreads_whenAnotherWorkspaceReads_thenItIsServedAndWritersSee429NotErrors()
      throws Exception {
    try (RunningService service = RunningService.with().maxConcurrentWrites(3).start()) {
      ApiClient api = service.client();
      String flooder = service.issueKey(RoleType.SERVICE, "ws-flood", false);
      String writerB = service.issueKey(RoleType.SERVICE, "ws-quiet", false);
      String readerB = service.issueKey(RoleType.USER, "ws-quiet", false);
      String idB = ApiFixture.tracecatId('/').replace("/", "%2F");
      assertEquals(
          201, api.post("/workflow-executions/" + idB + "/history", writerB, history(3)).status());
      String big = history(EVENTS_PER_BATCH);

      Map<Integer, AtomicInteger> writeStatuses = new ConcurrentHashMap<>();
      List<Long> readMillis = Collections.synchronizedList(new ArrayList<>());
      List<Integer> readStatuses = Collections.synchronizedList(new ArrayList<>());
      try (ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1)) {
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          writers.add(
              threads.submit(
                  () -> {
                    for (int b = 0; b < BATCHES_PER_WRITER; b++) {
                      String id = ApiFixture.tracecatId('/').replace("/", "%2F");
                      int status =
                          api.post("/workflow-executions/" + id + "/history", flooder, big).status();
                      writeStatuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                  }));
        }
        Future<?> reader =
            threads.submit(
                () -> {
                  while (writers.stream().anyMatch(writer -> !writer.isDone())) {
                    long since = System.nanoTime();
                    readStatuses.add(api.get("/workflow-executions/" + idB, readerB).status());
                    readMillis.add((System.nanoTime() - since) / 1_000_000);
                  }
                });
        for (Future<?> writer : writers) {
          writer.get();
        }
        reader.get();
      }

      Map<Integer, Integer> writes =
          writeStatuses.entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get()));
      List<Long> sorted = readMillis.stream().sorted().toList();
      long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
      System.out.println(
          "FAIRNESS writes "
              + writes
              + ", reads "
              + readStatuses.size()
              + " (p99 "
              + p99
              + " ms, max "
              + (sorted.isEmpty() ? 0 : sorted.getLast())
              + " ms)");
      assertTrue(writes.keySet().stream().allMatch(s -> s == 201 || s == 429), writes.toString());
      assertTrue(writes.getOrDefault(429, 0) > 0, "no write was turned away: " + writes);
      assertTrue(writes.getOrDefault(201, 0) > 0, "no write got through: " + writes);
      assertTrue(!readStatuses.isEmpty() && readStatuses.stream().allMatch(s -> s == 200), readStatuses.toString());
      // Starved, it would get 503s or a handful of answers; its latency is a figure, not a bound.
      assertTrue(readStatuses.size() >= 5, readStatuses.size() + " reads while the uploads ran");
    }
  }

  private static String history(int events) {
    String started =
        TemporalEvents.event(
            1,
            "2024-03-01T10:00:00Z",
            "WORKFLOW_EXECUTION_STARTED",
            "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"q\"},"
                + "\"firstExecutionRunId\":\"5d0d2b1c-0000-4000-8000-000000000001\"}");
    String rest =
        LongStream.rangeClosed(2, events)
            .mapToObj(
                id ->
                    TemporalEvents.event(
                        id,
                        "2024-03-01T10:00:01Z",
                        "WORKFLOW_TASK_SCHEDULED",
                        "{\"taskQueue\":{\"name\":\"q\"}}"))
            .collect(Collectors.joining(","));
    return "{\"events\":[" + started + (events > 1 ? "," + rest : "") + "]}";
  }
}
