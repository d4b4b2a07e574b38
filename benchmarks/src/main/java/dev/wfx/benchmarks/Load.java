package dev.wfx.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command line of bench/run.sh that talks to a running wfx through its real recording endpoint.
 *
 * <ul>
 *   <li>{@code load <base-url> <key> <size>…}: records a closed and a running execution of each
 *       size and prints {@code <closed|running> <size> <execution id>} per line;
 *   <li>{@code record <base-url> <key> <large> <small-total> <small-batch> [<warm-ups>]}: records
 *       three closed runs of {@code large} events, each in one batch, then one of {@code
 *       small-total} events in batches of {@code small-batch}, and prints {@code <large|small>
 *       <events> <seconds> <execution id>} per line. Before them: three unmeasured runs of up to
 *       2,000 events, and {@code warm-ups} (default 0) more runs of {@code large} events in one
 *       batch (printed as {@code warm-up} lines) and of {@code small-total} in small batches, so
 *       that the server's JIT has compiled the recording path as a long-running server has.
 *   <li>{@code record-one <base-url> <key> <large>}: records one closed execution of {@code
 *       large} events in one batch and prints its {@code large} line, to be paired with a
 *       {@code COPY} of the same rows run right after it.
 * </ul>
 */
public final class Load {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String key;

  private Load(String baseUrl, String key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: load|record <base-url> <key> …");
    }
    Load load = new Load(args[1], args[2]);
    switch (args[0]) {
      case "load" -> {
        for (int i = 3; i < args.length; i++) {
          int size = Integer.parseInt(args[i]);
          String closed = TracecatHistories.executionId("closed-" + size);
          load.post(closed, TracecatHistories.closed(size, closed));
          System.out.println("closed " + size + " " + closed);
          String running = TracecatHistories.executionId("running-" + size);
          load.post(running, TracecatHistories.running(size, running));
          System.out.println("running " + size + " " + running);
        }
      }
      case "record" -> load.record(
          Integer.parseInt(args[3]),
          Integer.parseInt(args[4]),
          Integer.parseInt(args[5]),
          args.length > 6 ? Integer.parseInt(args[6]) : 0);
      case "record-one" -> load.recordOne(Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private void record(int large, int smallTotal, int smallBatch, int warmUps)
      throws IOException, InterruptedException {
    // Not measured: the server's JIT compiles the recording path on these.
    for (int i = 0; i < 3; i++) {
      String warmId = TracecatHistories.executionId("record-warm-" + i + "-" + System.nanoTime());
      post(warmId, TracecatHistories.closed(Math.min(large, 2000), warmId));
    }
    for (int i = 0; i < warmUps; i++) {
      String warmId = TracecatHistories.executionId("record-warm-large-" + i + "-" + System.nanoTime());
      String body = TracecatHistories.closed(large, warmId);
      long start = System.nanoTime();
      post(warmId, body);
      report("warm-up", large, start, warmId);
      String smallWarmId = TracecatHistories.executionId("record-warm-small-" + i + "-" + System.nanoTime());
      for (String batch : smallBatches(smallWarmId, smallTotal, smallBatch)) {
        post(smallWarmId, batch);
      }
    }
    for (int i = 0; i < 3; i++) {
      String largeId = TracecatHistories.executionId("record-large-" + i + "-" + System.nanoTime());
      String body = TracecatHistories.closed(large, largeId);
      long start = System.nanoTime();
      post(largeId, body);
      report("large", large, start, largeId);
    }

    String smallId = TracecatHistories.executionId("record-small-" + System.nanoTime());
    List<String> batches = smallBatches(smallId, smallTotal, smallBatch);
    long start = System.nanoTime();
    for (String batch : batches) {
      post(smallId, batch);
    }
    report("small", smallTotal, start, smallId);
  }

  private void recordOne(int large) throws IOException, InterruptedException {
    String id = TracecatHistories.executionId("record-one-" + System.nanoTime());
    String body = TracecatHistories.closed(large, id);
    long start = System.nanoTime();
    post(id, body);
    report("large", large, start, id);
  }

  private static List<String> smallBatches(String id, int total, int batchSize) {
    List<String> batches = new ArrayList<>();
    for (int from = 0; from < total; from += batchSize) {
      batches.add(TracecatHistories.closedBatch(total, id, from, Math.min(total, from + batchSize)));
    }
    return batches;
  }

  private static void report(String name, int events, long start, String id) {
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(String.format(Locale.ROOT, "%s %d %.4f %s", name, events, seconds, id));
  }

  private void post(String id, String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(baseUrl + "/workflow-executions/" + id.replace("/", "%2F") + "/history"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new IllegalStateException(
          "recording " + id + " answered " + response.statusCode() + ": " + response.body());
    }
  }
}
