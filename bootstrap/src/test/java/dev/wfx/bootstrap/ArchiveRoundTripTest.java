package dev.wfx.bootstrap;

import static dev.wfx.bootstrap.TemporalEvents.event;
import static dev.wfx.bootstrap.TemporalEvents.history;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.util.JsonFormat;
import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.adapter.rest.testing.TestData;
import dev.wfx.domain.access.RoleType;
import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lossless archive end to end, on two wfx with databases of their own: a history recorded in
 * one is exported, recorded in the other, and gives the same document and the same export; the
 * export is, event for event, the protobuf history Temporal recorded. Runs of one execution id are
 * kept apart.
 */
class ArchiveRoundTripTest {

  private static final String WS = "ws-a";
  private static final String STARTED = "WORKFLOW_EXECUTION_STARTED";

  private static RunningService first;
  private static RunningService second;
  private static ApiClient firstApi;
  private static ApiClient secondApi;
  private static String firstWriter;
  private static String secondWriter;
  private static String firstAdmin;

  @BeforeAll
  static void start() {
    first = RunningService.start();
    second = RunningService.start();
    firstApi = first.client();
    secondApi = second.client();
    firstWriter = first.issueKey(RoleType.SERVICE, WS, false);
    secondWriter = second.issueKey(RoleType.SERVICE, WS, false);
    firstAdmin = first.issueKey(RoleType.USER, WS, true);
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
  }

  private static String path(String id) {
    return "/workflow-executions/" + id.replace("/", "%2F");
  }

  static Stream<Path> histories() {
    return TestData.histories().stream();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void givenARealTemporalHistory_whenRecordedExportedAndRecordedElsewhere_thenDocumentsAndExportsAreTheSame(
      Path file) throws Exception {
    String recorded = TestData.read(file);
    String id = ApiFixture.tracecatId('/');
    assertEquals(201, firstApi.post(path(id) + "/history", firstWriter, recorded).status());

    ApiClient.Answer export = firstApi.get(path(id) + "/history", firstWriter);
    ApiClient.Answer again = secondApi.post(path(id) + "/history", secondWriter, export.body());

    assertEquals(200, export.status(), export.body());
    assertEquals("application/json", export.contentType());
    assertEquals(201, again.status(), again.body());
    assertEquals(
        firstApi.get(path(id), firstWriter).body(), secondApi.get(path(id), secondWriter).body());
    assertEquals(export.body(), secondApi.get(path(id) + "/history", secondWriter).body());
    // Protobuf-level equality with what Temporal recorded, where its JSON mapping defines it; the
    // SDK reads the older CamelCase spelling too.
    // Fields this protobuf no longer knows (the activity's "namespace" of older servers) are kept
    // in the export; protobuf's comparison leaves them out, as the SDK's reading does.
    History original = WorkflowExecutionHistory.fromJson(recorded).getHistory();
    History exported = parse(export.body());
    assertEquals(original, exported);
    assertEquals(
        recorded.contains("\"namespace\""),
        export.body().contains("\"namespace\""),
        "a field unknown to the protobuf survives the export");
  }

  @Test
  void givenAContinueAsNewChainOfThreeRuns_whenRecordedOutOfOrder_thenTheLatestIsServedAndEachByItsRunId() {
    String id = ApiFixture.tracecatId('/');
    List<String> runs = List.of("run-1", "run-2", "run-3");
    for (int index : new int[] {0, 2, 1}) {
      String run = runs.get(index);
      String time = "2024-03-0" + (index + 1) + "T10:00:00Z";
      List<String> events = new ArrayList<>();
      events.add(started(run, runs.getFirst(), time));
      events.add(
          index < 2
              ? event(2, time, "WORKFLOW_EXECUTION_CONTINUED_AS_NEW",
                  "{\"newExecutionRunId\":\"" + runs.get(index + 1) + "\","
                      + "\"workflowType\":{\"name\":\"Chain\"},\"taskQueue\":{\"name\":\"q\"}}")
              : event(2, time, "WORKFLOW_EXECUTION_COMPLETED", "{}"));
      ApiClient.Answer recorded = firstApi.post(path(id) + "/history", firstWriter, history(events));
      assertEquals(201, recorded.status(), recorded.body());
      assertEquals(run, Json.read(recorded.body()).path("run_id").asText());
    }

    JsonNode latest = Json.read(firstApi.get(path(id), firstWriter).body());
    assertEquals("run-3", latest.path("run_id").asText());
    assertEquals("COMPLETED", latest.path("status").asText());
    for (String run : runs.subList(0, 2)) {
      JsonNode named = Json.read(firstApi.get(path(id) + "?run_id=" + run, firstWriter).body());
      assertEquals(run, named.path("run_id").asText());
      assertEquals("CONTINUED_AS_NEW", named.path("status").asText());
      String export = firstApi.get(path(id) + "/history?run_id=" + run, firstWriter).body();
      assertTrue(export.contains("\"originalExecutionRunId\":\"" + run + "\""), export);
    }
    JsonNode audit =
        Json.read(firstApi.get("/audit/writes?execution_id=" + id, firstAdmin).body());
    assertEquals(
        List.of("run-2", "run-3", "run-1"),
        audit.path("writes").findValuesAsText("run_id"));
  }

  @Test
  void givenAResetRun_whenRecordedWholeBesideTheOriginalRun_thenEachRunKeepsItsOwnHistory() {
    String id = ApiFixture.tracecatId('/');
    String time = "2024-04-01T10:00:00Z";
    String original = started("run-1", "run-1", time);
    String task = event(2, time, "WORKFLOW_TASK_SCHEDULED", "{\"taskQueue\":{\"name\":\"q\"}}");
    assertEquals(
        201,
        firstApi.post(path(id) + "/history", firstWriter,
            history(original, task, event(3, time, "WORKFLOW_EXECUTION_TERMINATED", "{}")))
            .status());

    String reset =
        event(3, time, "WORKFLOW_TASK_FAILED",
            "{\"scheduledEventId\":\"2\",\"cause\":\"WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW\","
                + "\"baseRunId\":\"run-1\",\"newRunId\":\"run-2\"}");
    ApiClient.Answer resetRecorded =
        firstApi.post(path(id) + "/history", firstWriter,
            history(original, task, reset, event(4, time, "WORKFLOW_EXECUTION_COMPLETED", "{}")));

    assertEquals(201, resetRecorded.status(), resetRecorded.body());
    assertEquals("run-2", Json.read(resetRecorded.body()).path("run_id").asText());
    JsonNode resetRun = Json.read(firstApi.get(path(id) + "?run_id=run-2", firstWriter).body());
    JsonNode originalRun = Json.read(firstApi.get(path(id) + "?run_id=run-1", firstWriter).body());
    assertEquals("COMPLETED", resetRun.path("status").asText());
    assertEquals(4, resetRun.path("history_length").asInt());
    assertEquals("TERMINATED", originalRun.path("status").asText());
    // A changed event under a stored id of the same run is still a conflict.
    ApiClient.Answer changed =
        firstApi.post(path(id) + "/history?run_id=run-1", firstWriter,
            history(event(2, time, "WORKFLOW_TASK_SCHEDULED", "{\"taskQueue\":{\"name\":\"other\"}}")));
    assertEquals(409, changed.status(), changed.body());
  }

  private static String started(String run, String firstRun, String time) {
    return event(
        1,
        time,
        STARTED,
        "{\"workflowType\":{\"name\":\"Chain\"},\"taskQueue\":{\"name\":\"q\"},"
            + "\"input\":{\"payloads\":[]},\"originalExecutionRunId\":\"" + run + "\","
            + "\"firstExecutionRunId\":\"" + firstRun + "\"}");
  }

  private static History parse(String json) throws Exception {
    History.Builder history = History.newBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(json, history);
    return history.build();
  }
}
