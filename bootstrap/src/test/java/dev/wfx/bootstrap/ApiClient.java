package dev.wfx.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test fixture: an HTTP/1.1 client of the service on 127.0.0.1 that sends paths as written. */
final class ApiClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(TIMEOUT)
          .build();
  private final String base;

  ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** One answer: status, content type and body text. */
  record Answer(int status, String contentType, String body, HttpResponse<String> response) {

    JsonNode json() {
      return Json.read(body);
    }

    String detail() {
      return json().path("detail").asText();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  /** GET of a raw path (percent-encoding kept as written); {@code key} null sends no credentials. */
  Answer get(String rawPath, String key) {
    return send(request(rawPath, key).GET());
  }

  /** POST of a JSON body to a raw path. */
  Answer post(String rawPath, String key, String body) {
    return post(rawPath, key, "application/json", body);
  }

  /** POST of a body declared as {@code contentType} to a raw path. */
  Answer post(String rawPath, String key, String contentType, String body) {
    return send(
        request(rawPath, key)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String rawPath, String key) {
    // One request id for all, so answers compare byte for byte (it is echoed in problem bodies).
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + rawPath))
            .timeout(TIMEOUT)
            .header("X-Request-Id", "end-to-end");
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body(),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
