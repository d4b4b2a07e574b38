package dev.wfx.bootstrap.reliability;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Test fixture: an HTTP client of one running wfx, with bounded timeouts so a test never hangs;
 * a connection that fails is an answer with status -1.
 */
final class Api {

  static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** An answer, and how long it took. */
  record Answer(
      int status, String body, String retryAfter, String requestId, String entityTag, long nanos) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    /** {@code appended} and {@code duplicates} of a recorded batch. */
    long member(String name) {
      return json().getJsonNumber(name).longValue();
    }
  }

  /** What a reader saw: the document's length, status and the ids of its events. */
  record Document(long historyLength, String status, List<Long> eventIds) {}

  private final HttpClient client;
  private final String base;
  private final String key;

  Api(int port, String key) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  Answer post(String executionId, String body) {
    return send(
        HttpRequest.newBuilder(uri(executionId, "/history"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Answer get(String executionId) {
    return send(HttpRequest.newBuilder(uri(executionId, "")).GET());
  }

  /** A conditional read: {@code 304} while the document still has this entity tag. */
  Answer getIfNoneMatch(String executionId, String entityTag) {
    return send(
        HttpRequest.newBuilder(uri(executionId, "")).header("If-None-Match", entityTag).GET());
  }

  Answer path(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  static Document document(Answer answer) {
    JsonObject json = answer.json();
    List<Long> ids =
        json.getJsonArray("events").stream()
            .map(event -> ((JsonObject) event).getJsonNumber("event_id"))
            .map(JsonNumber::longValue)
            .toList();
    return new Document(
        json.getJsonNumber("history_length").longValue(), json.getString("status"), ids);
  }

  private URI uri(String executionId, String suffix) {
    return URI.create(
        base
            + "/workflow-executions/"
            + URLEncoder.encode(executionId, StandardCharsets.UTF_8)
            + suffix);
  }

  private Answer send(HttpRequest.Builder request) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(TIMEOUT).header("Authorization", "Bearer " + key).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Retry-After").orElse(null),
          response.headers().firstValue("X-Request-Id").orElse(null),
          response.headers().firstValue("ETag").orElse(null),
          System.nanoTime() - start);
    } catch (IOException e) {
      return new Answer(-1, e.toString(), null, null, null, System.nanoTime() - start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, e.toString(), null, null, null, System.nanoTime() - start);
    }
  }
}
