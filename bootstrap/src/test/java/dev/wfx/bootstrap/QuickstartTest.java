package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfx.adapter.rest.testing.JsonSchemaCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart, request for request: start wfx with {@code WFX_BOOTSTRAP_ADMIN_KEY},
 * {@code curl -X POST -H 'Content-Type: application/json' --data-binary @examples/tracecat-run.json
 * …/history?workspace_id=ws-quickstart}, then GET the execution.
 */
class QuickstartTest {

  private static final String KEY = "quickstart-admin-key-0123456789";
  private static final String ID_PATH = "wf_4Zq8mV3nR2pL7xK9tB1cYd%2Fexec_7Hs2Kd9QmP4vX1nL8bZ3rT";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void givenTheQuickstart_whenFollowedAsWritten_thenTheRunIsRecordedAndServed()
      throws IOException, InterruptedException {
    try (RunningService service = RunningService.with().adminKey(KEY).start()) {
      String base = "http://127.0.0.1:" + service.port() + "/workflow-executions/" + ID_PATH;

      // What curl sends for -X POST -H 'Content-Type: application/json' --data-binary @file.
      HttpResponse<String> posted =
          http.send(
              curl(base + "/history?workspace_id=ws-quickstart")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofFile(example()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> read =
          http.send(curl(base).GET().build(), HttpResponse.BodyHandlers.ofString());

      assertEquals(201, posted.statusCode(), posted.body());
      assertEquals(200, read.statusCode(), read.body());
      JsonSchemaCheck.assertValidDocument(read.body());
      JsonNode document = Json.read(read.body());
      List<String> visible =
          StreamSupport.stream(document.path("events").spliterator(), false)
              .map(event -> event.path("event_id").asText() + " " + event.path("event_type").asText())
              .toList();
      assertAll(
          () ->
              assertEquals(
                  "{\"id\":\"wf_4Zq8mV3nR2pL7xK9tB1cYd/exec_7Hs2Kd9QmP4vX1nL8bZ3rT\",\"history_length\":17,"
                      + "\"status\":\"COMPLETED\",\"appended\":17,\"duplicates\":0,"
                      + "\"run_id\":\"0b9a7e3c-5d1f-4f7e-9a51-3c2d8e6f1a20\"}",
                  posted.body()),
          () -> assertEquals("wf_4Zq8mV3nR2pL7xK9tB1cYd/exec_7Hs2Kd9QmP4vX1nL8bZ3rT", document.path("id").asText()),
          () -> assertEquals("COMPLETED", document.path("status").asText()),
          () -> assertEquals("DSLWorkflow", document.path("workflow_type").asText()),
          () -> assertEquals(17, document.path("history_length").asInt()),
          () ->
              assertEquals(
                  List.of(
                      "1 WORKFLOW_EXECUTION_STARTED",
                      "11 ACTIVITY_TASK_SCHEDULED",
                      "12 ACTIVITY_TASK_STARTED",
                      "13 ACTIVITY_TASK_COMPLETED",
                      "17 WORKFLOW_EXECUTION_COMPLETED"),
                  visible),
          () -> assertEquals("core.http_request", document.path("events").get(1).path("event_group").path("udf_key").asText()),
          () -> assertEquals("Call api", document.path("events").get(1).path("event_group").path("action_title").asText()),
          () -> assertEquals("300.0", document.path("events").get(0).path("workflow_timeout").toString()));
    }
  }

  private static HttpRequest.Builder curl(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + KEY)
        .header("Accept", "*/*")
        .header("User-Agent", "curl/8.5.0");
  }

  /** {@code examples/tracecat-run.json} at the root of the project. */
  private static Path example() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples/tracecat-run.json");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("no examples/tracecat-run.json above " + System.getProperty("user.dir"));
  }
}
