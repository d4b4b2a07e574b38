package dev.wfx.bootstrap;

import static dev.wfx.bootstrap.Expected.document;
import static dev.wfx.bootstrap.Expected.event;
import static dev.wfx.bootstrap.Expected.failure;
import static dev.wfx.bootstrap.Expected.generic;
import static dev.wfx.bootstrap.Expected.group;
import static dev.wfx.bootstrap.Expected.in;
import static dev.wfx.bootstrap.Expected.json;
import static dev.wfx.bootstrap.Expected.with;
import static dev.wfx.bootstrap.TemporalEvents.activityCompleted;
import static dev.wfx.bootstrap.TemporalEvents.activityScheduled;
import static dev.wfx.bootstrap.TemporalEvents.activityStarted;
import static dev.wfx.bootstrap.TemporalEvents.encoded;
import static dev.wfx.bootstrap.TemporalEvents.history;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.domain.execution.ExecutionId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.adapter.rest.testing.JsonSchemaCheck;
import dev.wfx.adapter.rest.testing.TestData;
import dev.wfx.domain.access.RoleType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #4 over a real socket and a real PostgreSQL: histories recorded through {@code POST} and
 * read back through {@code GET}, each document compared field by field with what the spec (§2,
 * §6) says it must be, and validated against the shared JSON Schema.
 */
class EndToEndTest {

  private static final String WS = "ws-a";
  private static final String STARTED = "WORKFLOW_EXECUTION_STARTED";

  private static RunningService service;
  private static ApiClient api;
  private static String writer;
  private static String reader;

  @BeforeAll
  static void start() {
    service = RunningService.start();
    api = service.client();
    writer = service.issueKey(RoleType.SERVICE, WS, false);
    reader = service.issueKey(RoleType.USER, WS, false);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  // ---- the shared Temporal histories ----------------------------------------------------------

  @Test
  void givenTheSharedFolder_thenItHoldsTheThreeTemporalHistories() {
    assertEquals(
        List.of(
            "cancel_fake_progress_history.json",
            "complete_update_after_workflow_returns_pre1488.json",
            "lang_flags_replay_correctly_1_11_2.json"),
        TestData.histories().stream().map(p -> p.getFileName().toString()).toList());
  }

  static Stream<Arguments> sharedHistories() {
    return Stream.of(
        Arguments.of("cancel_fake_progress_history.json", "cancel-fake-progress"),
        Arguments.of("complete_update_after_workflow_returns_pre1488.json", "eb5f6727-7fb3-4f48-aba2-1bd7d46823a1"),
        Arguments.of("lang_flags_replay_correctly_1_11_2.json", "5e797ee0-3531-4779-a977-ec115c473b1b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedHistories")
  void givenASharedTemporalHistory_whenRecordedAndRead_thenTheDocumentIsTheSpecs(String file, String id) {
    String body = TestData.read(TestData.history(file));

    ApiClient.Answer recorded = api.post(historyPath(id), writer, body);

    assertEquals(201, recorded.status(), recorded.body());
    assertDocument(expectedShared(file, id), read(id));
  }

  private static ObjectNode expectedShared(String file, String id) {
    return switch (file) {
      case "cancel_fake_progress_history.json" -> {
        String at16 = "2022-07-06T00:33:16Z";
        ObjectNode activity = generic(5, "fakeProgress", "1", null, null);
        yield document(
            id,
            "bc761765-7fca-4d3e-89ff-0fa49379dc7a",
            "2022-07-06T00:33:05Z",
            "2022-07-06T00:33:05Z",
            "2022-07-06T00:33:18Z",
            "COMPLETED",
            "cancelFakeProgress",
            "test",
            16,
            null,
            List.of(
                event(1, "2022-07-06T00:33:05Z", STARTED, 1056764),
                in(event(5, at16, "ACTIVITY_TASK_SCHEDULED", 1057191), activity, null),
                event(6, "2022-07-06T00:33:17Z", "WORKFLOW_EXECUTION_SIGNALED", 1057215),
                in(event(11, "2022-07-06T00:33:17Z", "ACTIVITY_TASK_STARTED", 1057226), activity, 1L),
                in(event(12, "2022-07-06T00:33:18Z", "ACTIVITY_TASK_CANCELED", 1057227), activity, 1L),
                event(16, "2022-07-06T00:33:18Z", "WORKFLOW_EXECUTION_COMPLETED", 1057236)),
            json("{}"));
      }
      case "complete_update_after_workflow_returns_pre1488.json" ->
          document(
              id,
              "b9d2c3ad-e03e-49e4-857e-1939d9d32f5e",
              "2024-08-14T03:50:59.998228Z",
              "2024-08-14T03:50:59.998228Z",
              "2024-08-14T03:51:24.779982Z",
              "COMPLETED",
              "canCompleteUpdateAfterWorkflowReturns",
              "test",
              6,
              null,
              List.of(
                  event(1, "2024-08-14T03:50:59.998228Z", STARTED, 1048642),
                  in(
                      event(5, "2024-08-14T03:51:24.779952Z", "WORKFLOW_EXECUTION_UPDATE_ACCEPTED", 1048653),
                      generic(5, "doneUpdate", "fb28b772-4538-45a4-99f0-550fae0b7668", null, null),
                      null),
                  event(6, "2024-08-14T03:51:24.779982Z", "WORKFLOW_EXECUTION_COMPLETED", 1048654)),
              json("{}"));
      case "lang_flags_replay_correctly_1_11_2.json" -> {
        ObjectNode activity = generic(6, "noopActivity", "1", null, null);
        yield document(
            id,
            "c187a898-57be-4b10-9315-f9031b231046",
            "2024-09-23T23:01:59.945218Z",
            "2024-09-23T23:01:59.945218Z",
            "2024-09-23T23:02:00.030303Z",
            "COMPLETED",
            "langFlagsReplayCorrectly",
            "Lang's_SDK_flags_replay_correctly",
            13,
            null,
            List.of(
                event(1, "2024-09-23T23:01:59.945218Z", STARTED, 1048604),
                in(event(6, "2024-09-23T23:02:00.013315Z", "ACTIVITY_TASK_SCHEDULED", 1048617), activity, null),
                in(event(7, "2024-09-23T23:02:00.013449Z", "ACTIVITY_TASK_STARTED", 1048622), activity, 1L),
                in(event(8, "2024-09-23T23:02:00.020512Z", "ACTIVITY_TASK_COMPLETED", 1048623), activity, 1L),
                event(13, "2024-09-23T23:02:00.030303Z", "WORKFLOW_EXECUTION_COMPLETED", 1048634)),
            json("{}"));
      }
      default -> throw new AssertionError("no expected document for " + file);
    };
  }

  // ---- Tracecat: an action that fails, retries and succeeds, behind a hidden internal ---------

  @Test
  void givenATracecatRunRecordedInTwoBatches_whenRead_thenActionsRetriesAndRedactedFailuresShow() {
    ActionRun run = new ActionRun();

    ApiClient.Answer first = api.post(historyPath(run.id), writer, history(run.events.subList(0, 7)));
    ApiClient.Answer second = api.post(historyPath(run.id), writer, history(run.events.subList(4, 16)));
    ApiClient.Answer again = api.post(historyPath(run.id), writer, history(run.events));

    assertAll(
        () -> assertEquals(201, first.status(), first.body()),
        () -> assertRecorded(first, run.id, 7, "RUNNING", 7, 0),
        () -> assertEquals(200, second.status(), second.body()),
        () -> assertRecorded(second, run.id, 16, "COMPLETED", 9, 3),
        () -> assertEquals(200, again.status(), again.body()),
        () -> assertRecorded(again, run.id, 16, "COMPLETED", 0, 16));
    assertDocument(run.expected(), read(run.id));
  }

  @Test
  void givenAFailureCarryingCredentials_whenRead_thenItIsServedRedactedButStoredAsRecorded() {
    ActionRun run = new ActionRun();
    assertEquals(201, api.post(historyPath(run.id), writer, history(run.events)).status());

    JsonNode served = read(run.id).path("events").get(3).path("failure");
    String stored = service.storedAttributes(run.id, 10);
    ApiClient.Answer resent = api.post(historyPath(run.id), writer, history(run.events.get(9)));

    assertAll(
        () -> assertEquals(ActionRun.REDACTED_MESSAGE, served.path("message").asText()),
        () -> assertTrue(served.toString().contains("token=[REDACTED]"), served.toString()),
        () -> assertTrue(stored.contains("Bearer abc123"), stored),
        () -> assertTrue(stored.contains("api_key=xyz"), stored),
        () -> assertTrue(stored.contains("token=t0ps3cret"), stored),
        () -> assertTrue(stored.contains("bob:hunter2@"), stored),
        () -> assertEquals(200, resent.status(), resent.body()),
        () -> assertRecorded(resent, run.id, 16, "COMPLETED", 0, 1));
  }

  // ---- Tracecat: children, an interaction answered by a signal, a parent ----------------------

  @Test
  void givenARunningTracecatChildRunWithAnInteraction_whenRead_thenChildrenAndInteractionStatesShow() {
    ChildRun run = new ChildRun();

    ApiClient.Answer recorded = api.post(historyPath(run.id), writer, history(run.events));

    assertEquals(201, recorded.status(), recorded.body());
    assertRecorded(recorded, run.id, 12, "RUNNING", 12, 0);
    assertDocument(run.expected(), read(run.id));
  }

  @Test
  void givenAStoredHistory_whenABatchLeavesAGap_thenItIsAConflictNamingTheExpectedId() {
    ChildRun run = new ChildRun();
    api.post(historyPath(run.id), writer, history(run.events));
    String fourteen =
        TemporalEvents.event(
            14, "2024-03-02T08:01:00Z", "WORKFLOW_EXECUTION_SIGNALED", "{\"signalName\":\"late\",\"input\":{\"payloads\":[]}}");

    ApiClient.Answer gap = api.post(historyPath(run.id), writer, history(fourteen));

    assertAll(
        () -> assertEquals(409, gap.status(), gap.body()),
        () -> assertEquals("application/problem+json", gap.contentType()),
        () -> assertEquals(14, gap.json().path("event_id").asLong()),
        () -> assertEquals(13, gap.json().path("expected_event_id").asLong()),
        () -> assertTrue(gap.detail().contains("13"), gap.detail()),
        () -> assertEquals(12, read(run.id).path("history_length").asLong()));
  }

  @Test
  void givenAStoredEvent_whenADifferentEventIsSentUnderItsId_thenItIsAConflictAndNothingChanges() {
    ChildRun run = new ChildRun();
    api.post(historyPath(run.id), writer, history(run.events));
    String changed =
        run.events.get(11).replace("\"signalName\":\"interaction\"", "\"signalName\":\"answer\"");
    assertNotEquals(run.events.get(11), changed, "the test changes the stored event");

    ApiClient.Answer conflict = api.post(historyPath(run.id), writer, history(changed));

    assertAll(
        () -> assertEquals(409, conflict.status(), conflict.body()),
        () -> assertEquals(12, conflict.json().path("event_id").asLong()),
        () -> assertEquals(13, conflict.json().path("expected_event_id").asLong()),
        () -> assertDocument(run.expected(), read(run.id)));
  }

  @Test
  void givenAClosedExecution_whenAnEventFollowsTheClose_thenItIsAConflict() {
    ActionRun run = new ActionRun();
    api.post(historyPath(run.id), writer, history(run.events));
    String after =
        TemporalEvents.event(
            17, "2024-03-01T10:01:00Z", "WORKFLOW_EXECUTION_SIGNALED", "{\"signalName\":\"late\",\"input\":{\"payloads\":[]}}");

    ApiClient.Answer refused = api.post(historyPath(run.id), writer, history(after));

    assertAll(
        () -> assertEquals(409, refused.status(), refused.body()),
        () -> assertEquals(17, refused.json().path("event_id").asLong()),
        () -> assertEquals(16, read(run.id).path("history_length").asLong()));
  }

  // ---- Tracecat: a failed scheduled run with unreadable payloads, after a reset ---------------

  @Test
  void givenAFailedScheduledRunWithUnreadablePayloads_whenRead_thenTheyAreShownAsUnreadable() {
    FailedRun run = new FailedRun();

    ApiClient.Answer recorded = api.post(historyPath(run.id), writer, history(run.events));

    assertEquals(201, recorded.status(), recorded.body());
    assertRecorded(recorded, run.id, 13, "FAILED", 13, 0);
    assertDocument(run.expected(), read(run.id));
  }

  // ---- ids (§3) and routes ---------------------------------------------------------------------

  static Stream<Arguments> idForms() {
    String hex = ApiFixture.hex32();
    String current = ApiFixture.tracecatId('/');
    String workflow = current.substring(0, current.indexOf('/'));
    return Stream.of(
        Arguments.of("legacy with ':'", "wf-" + hex + ":exec-" + ApiFixture.hex32().substring(0, 12)),
        Arguments.of("legacy with '/'", "wf-" + ApiFixture.hex32() + "/exec-Ab_9-" + ApiFixture.hex32().substring(0, 6)),
        Arguments.of("current with '/'", current),
        Arguments.of("current with ':'", ApiFixture.tracecatId(':')),
        Arguments.of("scheduled", workflow + "/sch-" + ApiFixture.hex32() + "-2024-03-01T10:00:00.123Z"),
        Arguments.of("legacy scheduled", "wf-" + hex + ":sch-" + ApiFixture.hex32() + "-2024-03-01T10:00:00+01:00"),
        Arguments.of("a UUID", "0f5e1f4e-8a4b-4b8e-9f6b-" + ApiFixture.hex32().substring(0, 12)),
        Arguments.of("another Temporal id", "billing.run@2024/q1:" + ApiFixture.hex32().substring(0, 8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idForms")
  void givenAnIdOfAnAcceptedForm_whenReadThroughEveryEncodingAndPrefix_thenTheSameDocumentAnswers(
      String form, String id) {
    String once = id.replace("/", "%2F");
    String twice = id.replace("/", "%252F");
    String body = history(started(1, "2024-03-01T10:00:00Z", "{\"payloads\":[]}"));

    ApiClient.Answer recorded =
        api.post("/workspaces/" + WS + "/workflow-executions/" + twice + "/history", writer, body);

    assertEquals(201, recorded.status(), recorded.body());
    String canonical = ExecutionId.parse(id).orElseThrow().value();
    assertEquals(canonical, recorded.json().path("id").asText());
    JsonNode reference = read(id);
    assertEquals(canonical, reference.path("id").asText());
    for (String path :
        List.of(
            "/workflow-executions/" + once,
            "/workflow-executions/" + twice,
            "/workflow-executions/" + once + "?workspace_id=" + WS,
            "/workspaces/" + WS + "/workflow-executions/" + once,
            "/workspaces/" + WS + "/workflow-executions/" + twice)) {
      ApiClient.Answer answer = api.get(path, reader);
      assertEquals(200, answer.status(), path + ": " + answer.body());
      assertEquals(Json.pretty(reference), Json.pretty(answer.body()), path);
    }
  }

  @Test
  void givenAMalformedId_whenRead_thenA400ListsTheAcceptedForms() {
    ApiClient.Answer answer = api.get("/workflow-executions/-not%20an%20id", reader);

    assertAll(
        () -> assertEquals(400, answer.status(), answer.body()),
        () -> assertEquals("application/problem+json", answer.contentType()),
        () -> assertTrue(answer.detail().contains("wf_<22 base62>/exec_<22 base62>"), answer.detail()));
  }

  @Test
  void givenAnIdStoredInAnotherWorkspace_whenReadUnderThatWorkspacesPrefix_thenItIsNotFound() {
    ActionRun run = new ActionRun();
    api.post(historyPath(run.id), writer, history(run.events));

    ApiClient.Answer answer =
        api.get("/workspaces/ws-b/workflow-executions/" + run.id.replace("/", "%2F"), reader);

    assertEquals(404, answer.status(), answer.body());
    assertEquals("Workflow execution not found", answer.detail());
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static String historyPath(String id) {
    return "/workflow-executions/" + id.replace("/", "%2F") + "/history?workspace_id=" + WS;
  }

  /** The document over the socket, checked against the schema and the response's framing. */
  private static JsonNode read(String id) {
    ApiClient.Answer answer = api.get("/workflow-executions/" + id.replace("/", "%2F"), reader);
    assertEquals(200, answer.status(), answer.body());
    assertEquals("application/json", answer.contentType());
    JsonSchemaCheck.assertValidDocument(answer.body());
    return answer.json();
  }

  private static void assertDocument(JsonNode expected, JsonNode actual) {
    assertEquals(Json.pretty(expected), Json.pretty(actual));
  }

  /** The answer to a recorded batch; its run id is the run's, asserted where a test names it. */
  private static void assertRecorded(
      ApiClient.Answer answer, String id, long length, String status, long appended, long duplicates) {
    ObjectNode body = (ObjectNode) Json.read(answer.body());
    assertTrue(body.path("run_id").isTextual(), answer.body());
    body.remove("run_id");
    assertEquals(
        Json.pretty(
            "{\"id\":\""
                + id
                + "\",\"history_length\":"
                + length
                + ",\"status\":\""
                + status
                + "\",\"appended\":"
                + appended
                + ",\"duplicates\":"
                + duplicates
                + "}"),
        Json.pretty(body));
  }

  private static String started(long id, String time, String input) {
    return TemporalEvents.event(
        id,
        time,
        STARTED,
        "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},"
            + "\"input\":"
            + input
            + ",\"originalExecutionRunId\":\"5d0d2b1c-0000-4000-8000-000000000001\","
            + "\"firstExecutionRunId\":\"5d0d2b1c-0000-4000-8000-000000000001\",\"firstWorkflowTaskBackoff\":\"0s\"}");
  }

  private static String role(String type, String userId, String serviceId) {
    return "{\"type\":\""
        + type
        + "\",\"workspace_id\":\""
        + WS
        + "\",\"user_id\":"
        + (userId == null ? "null" : "\"" + userId + "\"")
        + ",\"access_level\":0,\"service_id\":\""
        + serviceId
        + "\"}";
  }

  /**
   * A DSLWorkflow run: a hidden Tracecat internal, then {@code call_api}, whose first attempt fails
   * with credentials in its failure and whose second succeeds, then the workflow completes.
   */
  private static final class ActionRun {

    static final String REDACTED_MESSAGE =
        "HTTP 401 from https://api.example.com/ip?api_key=[REDACTED] with Authorization: Bearer [REDACTED]";

    final String id = ApiFixture.tracecatId('/');
    final String workflow = id.substring(0, id.indexOf('/'));
    final String runId = "0b9a7e3c-5d1f-4f7e-9a51-3c2d8e6f1a20";
    final String role =
        "{\"type\":\"service\",\"workspace_id\":\"ws-a\",\"user_id\":null,\"access_level\":0,"
            + "\"service_id\":\"tracecat-runner\",\"extra\":{\"n\":1.50}}";
    final String runArgs =
        "{\"role\":"
            + role
            + ",\"dsl\":{\"title\":\"Enrich alert\",\"description\":\"Look up the IP\"},\"wf_id\":\""
            + workflow
            + "\",\"trigger_inputs\":{\"ip\":\"203.0.113.7\"},"
            + "\"runtime_config\":{\"timeout\":\"PT5M\",\"environment\":\"default\"},\"timeout\":10}";
    final String callApi =
        "{\"task\":{\"ref\":\"call_api\",\"description\":\"Call the reputation API\",\"action\":\"core.http_request\","
            + "\"args\":{\"url\":\"https://api.example.com/ip\",\"timeout\":1.50},\"depends_on\":[],"
            + "\"retry_policy\":{\"max_attempts\":3,\"timeout\":60},\"start_delay\":1.5,\"join_strategy\":\"any\"},"
            + "\"exec_context\":{},\"run_context\":{\"wf_id\":\""
            + workflow
            + "\",\"wf_exec_id\":\""
            + id
            + "\",\"wf_run_id\":\""
            + runId
            + "\",\"environment\":\"default\"}}";
    final String failure =
        "{\"message\":\"HTTP 401 from https://api.example.com/ip?api_key=xyz with Authorization: Bearer abc123\","
            + "\"source\":\"PythonSDK\",\"stackTrace\":\"\","
            + "\"cause\":{\"message\":\"upstream said token=t0ps3cret; giving up\",\"source\":\"PythonSDK\","
            + "\"cause\":{\"message\":\"connect https://bob:hunter2@api.example.com failed\",\"source\":\"\"}},"
            + "\"applicationFailureInfo\":{\"type\":\"HTTPStatusError\",\"nonRetryable\":false}}";
    final String result = "{\"status\":200,\"data\":{\"ip\":\"203.0.113.7\",\"score\":1.50}}";
    final List<String> events =
        List.of(
            TemporalEvents.event(
                1,
                "2024-03-01T10:00:00Z",
                STARTED,
                "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},"
                    + "\"input\":"
                    + TemporalEvents.json(runArgs)
                    + ",\"workflowExecutionTimeout\":\"0s\",\"originalExecutionRunId\":\""
                    + runId
                    + "\",\"firstExecutionRunId\":\"11111111-2222-4333-8444-555555555555\","
                    + "\"firstWorkflowTaskBackoff\":\"2.500s\",\"identity\":\"tracecat-api\",\"attempt\":1}"),
            TemporalEvents.event(
                2, "2024-03-01T10:00:02.500Z", "WORKFLOW_TASK_SCHEDULED", "{\"taskQueue\":{\"name\":\"tracecat-task-queue\"},\"attempt\":1}"),
            TemporalEvents.event(3, "2024-03-01T10:00:02.510Z", "WORKFLOW_TASK_STARTED", "{\"scheduledEventId\":\"2\"}"),
            TemporalEvents.event(
                4, "2024-03-01T10:00:02.520Z", "WORKFLOW_TASK_COMPLETED", "{\"scheduledEventId\":\"2\",\"startedEventId\":\"3\"}"),
            activityScheduled(
                5,
                "2024-03-01T10:00:02.530Z",
                "get_workflow_definition_activity",
                "1",
                TemporalEvents.json("{\"role\":" + role + ",\"workflow_id\":\"" + workflow + "\"}")),
            activityStarted(6, "2024-03-01T10:00:02.540Z", 5, 1),
            activityCompleted(7, "2024-03-01T10:00:02.550Z", 5, TemporalEvents.json("{\"title\":\"Enrich alert\"}")),
            activityScheduled(8, "2024-03-01T10:00:03Z", "run_action_activity", "2", TemporalEvents.json(callApi)),
            activityStarted(9, "2024-03-01T10:00:03.123456789Z", 8, 1),
            TemporalEvents.event(
                10,
                "2024-03-01T10:00:04Z",
                "ACTIVITY_TASK_FAILED",
                "{\"failure\":"
                    + failure
                    + ",\"scheduledEventId\":\"8\",\"startedEventId\":\"9\",\"retryState\":\"RETRY_STATE_IN_PROGRESS\"}"),
            activityStarted(11, "2024-03-01T10:00:05Z", 8, 2),
            activityCompleted(12, "2024-03-01T10:00:05.500Z", 8, TemporalEvents.json(result)),
            TemporalEvents.event(
                13, "2024-03-01T10:00:05.600Z", "WORKFLOW_TASK_SCHEDULED", "{\"taskQueue\":{\"name\":\"tracecat-task-queue\"},\"attempt\":1}"),
            TemporalEvents.event(14, "2024-03-01T10:00:05.610Z", "WORKFLOW_TASK_STARTED", "{\"scheduledEventId\":\"13\"}"),
            TemporalEvents.event(
                15, "2024-03-01T10:00:05.620Z", "WORKFLOW_TASK_COMPLETED", "{\"scheduledEventId\":\"13\",\"startedEventId\":\"14\"}"),
            TemporalEvents.event(
                16,
                "2024-03-01T10:00:05.700Z",
                "WORKFLOW_EXECUTION_COMPLETED",
                "{\"result\":"
                    + TemporalEvents.json("{\"call_api\":{\"status\":200}}")
                    + ",\"workflowTaskCompletedEventId\":\"15\"}"));

    ObjectNode expected() {
      ObjectNode action =
          group(
              8,
              "core",
              "http_request",
              "core.http_request",
              null,
              "call_api",
              "Call api",
              "Call the reputation API",
              callApi,
              "{\"max_attempts\":3,\"timeout\":60,\"retry_until\":null}",
              "1.5",
              "any",
              null);
      ObjectNode started = event(1, "2024-03-01T10:00:00Z", STARTED);
      with(started, "role", role);
      with(started, "workflow_timeout", "300.0");
      return document(
          id,
          runId,
          "2024-03-01T10:00:00Z",
          "2024-03-01T10:00:02.500000Z",
          "2024-03-01T10:00:05.700000Z",
          "COMPLETED",
          "DSLWorkflow",
          "tracecat-task-queue",
          16,
          null,
          List.of(
              started,
              in(event(8, "2024-03-01T10:00:03Z", "ACTIVITY_TASK_SCHEDULED"), action, null),
              in(event(9, "2024-03-01T10:00:03.123456Z", "ACTIVITY_TASK_STARTED"), action, 1L),
              failure(
                  in(event(10, "2024-03-01T10:00:04Z", "ACTIVITY_TASK_FAILED"), action, 1L),
                  REDACTED_MESSAGE,
                  "{\"message\":\"upstream said token=[REDACTED]; giving up\",\"source\":\"PythonSDK\","
                      // Derived from the original: protobuf's canonical JSON leaves out "source":"".
                      + "\"cause\":{\"message\":\"connect https://bob:[REDACTED]@api.example.com failed\"}}"),
              in(event(11, "2024-03-01T10:00:05Z", "ACTIVITY_TASK_STARTED"), action, 2L),
              with(
                  in(event(12, "2024-03-01T10:00:05.500000Z", "ACTIVITY_TASK_COMPLETED"), action, 2L),
                  "result",
                  result),
              with(
                  event(16, "2024-03-01T10:00:05.700000Z", "WORKFLOW_EXECUTION_COMPLETED"),
                  "result",
                  "{\"call_api\":{\"status\":200}}")),
          json("{}"));
    }
  }

  /**
   * A running DSLWorkflow run that is itself a child: a DSLWorkflow child that completes, a child
   * of another type that fails, an approval answered by a signal, a second interaction scheduled by
   * a hidden internal, and a signal for an unknown interaction.
   */
  private static final class ChildRun {

    final String id = "wf-" + ApiFixture.hex32() + ":exec-" + ApiFixture.hex32().substring(0, 10);
    final String parent = ApiFixture.tracecatId('/');
    final String child = ApiFixture.tracecatId('/');
    final String runId = "7c4e8f10-3a2b-4c5d-8e9f-0a1b2c3d4e5f";
    final String role = role("user", "u-1", "tracecat-ui");
    final String childRole = role("service", null, "tracecat-schedule-runner");
    final String childArgs =
        "{\"role\":"
            + childRole
            + ",\"dsl\":{\"title\":\"Child flow\",\"description\":\"Runs the enrichment\"},\"wf_id\":\""
            + child.substring(0, child.indexOf('/'))
            + "\"}";
    final String ask =
        "{\"task\":{\"ref\":\"ask_approval\",\"action\":\"tools.slack.send_message\",\"args\":{\"channel\":\"#soc\"},"
            + "\"interaction\":{\"type\":\"approval\",\"timeout\":300}},\"exec_context\":{},"
            + "\"run_context\":{\"wf_id\":\"wf-x\",\"wf_exec_id\":\""
            + id
            + "\",\"wf_run_id\":\""
            + runId
            + "\",\"environment\":\"default\"},"
            + "\"interaction_context\":{\"interaction_id\":\"int-approve\",\"execution_id\":\""
            + id
            + "\",\"action_ref\":\"ask_approval\"}}";
    final String answer =
        "{\"interaction_id\":\"int-approve\",\"execution_id\":\""
            + id
            + "\",\"action_ref\":\"ask_approval\",\"data\":{\"approved\":true,\"by\":\"u-1\"}}";
    final String unknownAnswer =
        "{\"interaction_id\":\"int-unknown\",\"execution_id\":\""
            + id
            + "\",\"action_ref\":\"nobody\",\"data\":{\"x\":1}}";
    final List<String> events =
        List.of(
            TemporalEvents.event(
                1,
                "2024-03-02T08:00:00.000001Z",
                STARTED,
                "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},"
                    + "\"parentWorkflowNamespace\":\"default\",\"parentWorkflowExecution\":{\"workflowId\":\""
                    + parent
                    + "\",\"runId\":\"9f8e7d6c-0000-4000-8000-000000000000\"},\"input\":"
                    + TemporalEvents.json("{\"role\":" + role + ",\"dsl\":{\"title\":\"Triage\"},\"timeout\":120}")
                    + ",\"workflowExecutionTimeout\":\"600s\",\"firstExecutionRunId\":\""
                    + runId
                    + "\"}"),
            TemporalEvents.event(
                2,
                "2024-03-02T08:00:01Z",
                "START_CHILD_WORKFLOW_EXECUTION_INITIATED",
                "{\"namespace\":\"default\",\"workflowId\":\""
                    + child
                    + "\",\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},"
                    + "\"input\":"
                    + TemporalEvents.json(childArgs)
                    + ",\"workflowExecutionTimeout\":\"0s\"}"),
            TemporalEvents.event(
                3,
                "2024-03-02T08:00:02Z",
                "CHILD_WORKFLOW_EXECUTION_STARTED",
                "{\"namespace\":\"default\",\"initiatedEventId\":\"2\",\"workflowExecution\":{\"workflowId\":\""
                    + child
                    + "\",\"runId\":\"c-run\"},\"workflowType\":{\"name\":\"DSLWorkflow\"}}"),
            TemporalEvents.event(
                4,
                "2024-03-02T08:00:03Z",
                "CHILD_WORKFLOW_EXECUTION_COMPLETED",
                "{\"result\":"
                    + TemporalEvents.json("{\"enriched\":true}")
                    + ",\"namespace\":\"default\",\"workflowExecution\":{\"workflowId\":\""
                    + child
                    + "\",\"runId\":\"c-run\"},\"workflowType\":{\"name\":\"DSLWorkflow\"},"
                    + "\"initiatedEventId\":\"2\",\"startedEventId\":\"3\"}"),
            TemporalEvents.event(
                5,
                "2024-03-02T08:00:04Z",
                "START_CHILD_WORKFLOW_EXECUTION_INITIATED",
                "{\"namespace\":\"default\",\"workflowId\":\"cleanup-7f3a\",\"workflowType\":{\"name\":\"cleanupWorkflow\"},"
                    + "\"taskQueue\":{\"name\":\"ops\"},\"input\":"
                    + TemporalEvents.json("{\"all\":true}")
                    + "}"),
            TemporalEvents.event(
                6,
                "2024-03-02T08:00:05Z",
                "CHILD_WORKFLOW_EXECUTION_FAILED",
                "{\"failure\":{\"message\":\"cleanup failed\"},\"namespace\":\"default\","
                    + "\"workflowExecution\":{\"workflowId\":\"cleanup-7f3a\",\"runId\":\"x-run\"},"
                    + "\"workflowType\":{\"name\":\"cleanupWorkflow\"},\"initiatedEventId\":\"5\"}"),
            activityScheduled(7, "2024-03-02T08:00:06Z", "run_action_activity", "3", TemporalEvents.json(ask)),
            activityStarted(8, "2024-03-02T08:00:07Z", 7, null),
            activityCompleted(9, "2024-03-02T08:00:08Z", 7, TemporalEvents.json("{\"sent\":true}")),
            TemporalEvents.event(
                10,
                "2024-03-02T08:00:30Z",
                "WORKFLOW_EXECUTION_SIGNALED",
                "{\"signalName\":\"interaction\",\"input\":"
                    + TemporalEvents.json(answer)
                    + ",\"identity\":\"tracecat-api\"}"),
            activityScheduled(
                11,
                "2024-03-02T08:00:31Z",
                "interaction_internal_activity",
                "4",
                TemporalEvents.json(
                    "{\"interaction_context\":{\"interaction_id\":\"int-second\",\"execution_id\":\""
                        + id
                        + "\",\"action_ref\":\"second_ask\"},\"timeout\":60}")),
            TemporalEvents.event(
                12,
                "2024-03-02T08:00:32Z",
                "WORKFLOW_EXECUTION_SIGNALED",
                "{\"signalName\":\"interaction\",\"input\":" + TemporalEvents.json(unknownAnswer) + "}"));

    ObjectNode expected() {
      ObjectNode childGroup =
          group(
              2,
              "core.workflow",
              "execute",
              "core.workflow.execute",
              child.substring(0, child.indexOf('/')),
              null,
              "Child flow",
              "Runs the enrichment",
              childArgs,
              Expected.DEFAULT_RETRY,
              "0.0",
              "all",
              child);
      ObjectNode cleanup = generic(5, "cleanupWorkflow", "cleanup-7f3a", "{\"all\":true}", "cleanup-7f3a");
      ObjectNode approval =
          group(
              7,
              "tools.slack",
              "send_message",
              "tools.slack.send_message",
              null,
              "ask_approval",
              "Ask approval",
              null,
              ask,
              Expected.DEFAULT_RETRY,
              "0.0",
              "all",
              null);
      ObjectNode started = event(1, "2024-03-02T08:00:00.000001Z", STARTED);
      with(started, "role", role);
      started.put("parent_wf_exec_id", parent);
      with(started, "workflow_timeout", "120.0");
      return document(
          id,
          runId,
          "2024-03-02T08:00:00.000001Z",
          "2024-03-02T08:00:00.000001Z",
          null,
          "RUNNING",
          "DSLWorkflow",
          "tracecat-task-queue",
          12,
          parent,
          List.of(
              started,
              with(
                  in(event(2, "2024-03-02T08:00:01Z", "START_CHILD_WORKFLOW_EXECUTION_INITIATED"), childGroup, null),
                  "role",
                  childRole),
              in(event(3, "2024-03-02T08:00:02Z", "CHILD_WORKFLOW_EXECUTION_STARTED"), childGroup, null),
              with(
                  in(event(4, "2024-03-02T08:00:03Z", "CHILD_WORKFLOW_EXECUTION_COMPLETED"), childGroup, null),
                  "result",
                  "{\"enriched\":true}"),
              in(event(5, "2024-03-02T08:00:04Z", "START_CHILD_WORKFLOW_EXECUTION_INITIATED"), cleanup, null),
              failure(
                  in(event(6, "2024-03-02T08:00:05Z", "CHILD_WORKFLOW_EXECUTION_FAILED"), cleanup, null),
                  "cleanup failed",
                  "{}"),
              in(event(7, "2024-03-02T08:00:06Z", "ACTIVITY_TASK_SCHEDULED"), approval, null),
              in(event(8, "2024-03-02T08:00:07Z", "ACTIVITY_TASK_STARTED"), approval, 0L),
              with(
                  in(event(9, "2024-03-02T08:00:08Z", "ACTIVITY_TASK_COMPLETED"), approval, 0L),
                  "result",
                  "{\"sent\":true}"),
              with(event(10, "2024-03-02T08:00:30Z", "WORKFLOW_EXECUTION_SIGNALED"), "result", answer),
              with(event(12, "2024-03-02T08:00:32Z", "WORKFLOW_EXECUTION_SIGNALED"), "result", unknownAnswer)),
          json(
              "{\"int-approve\":{\"type\":\"approval\",\"action_ref\":\"ask_approval\",\"status\":\"completed\","
                  + "\"data\":{\"approved\":true,\"by\":\"u-1\"}},"
                  + "\"int-second\":{\"type\":\"response\",\"action_ref\":\"second_ask\",\"status\":\"pending\",\"data\":{}}}"));
    }
  }

  /**
   * A failed scheduled DSLWorkflow run after a reset: an action whose input and result cannot be
   * read, an action without a namespace that times out, unreadable and empty signal inputs, and a
   * workflow failure with credentials.
   */
  private static final class FailedRun {

    final String id =
        ApiFixture.tracecatId('/').substring(0, 25) + "/sch-" + ApiFixture.hex32() + "-2024-03-03T00:00:00Z";
    final String firstRun = "a1a1a1a1-0000-4000-8000-000000000001";
    final String resetRun = "b2b2b2b2-0000-4000-8000-000000000002";
    final String role = role("service", null, "tracecat-schedule-runner");
    final String quiet = "{\"task\":{\"ref\":\"quiet_step\",\"action\":\"noop\"},\"exec_context\":{},\"run_context\":{}}";
    final List<String> events =
        List.of(
            TemporalEvents.event(
                1,
                "2024-03-03T00:00:00Z",
                STARTED,
                "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},\"input\":"
                    + TemporalEvents.json(
                        "{\"role\":" + role + ",\"dsl\":{\"title\":\"Nightly\"},\"runtime_config\":{\"timeout\":null},\"timeout\":\"300s\"}")
                    + ",\"originalExecutionRunId\":\""
                    + firstRun
                    + "\",\"firstExecutionRunId\":\""
                    + firstRun
                    + "\",\"firstWorkflowTaskBackoff\":\"0s\"}"),
            TemporalEvents.event(
                2, "2024-03-03T00:00:00.100Z", "WORKFLOW_TASK_SCHEDULED", "{\"taskQueue\":{\"name\":\"tracecat-task-queue\"},\"attempt\":1}"),
            TemporalEvents.event(3, "2024-03-03T00:00:00.200Z", "WORKFLOW_TASK_STARTED", "{\"scheduledEventId\":\"2\"}"),
            TemporalEvents.event(
                4,
                "2024-03-03T00:00:00.300Z",
                "WORKFLOW_TASK_FAILED",
                "{\"scheduledEventId\":\"2\",\"startedEventId\":\"3\",\"cause\":\"WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW\","
                    + "\"failure\":{\"message\":\"reset\"},\"baseRunId\":\""
                    + firstRun
                    + "\",\"newRunId\":\""
                    + resetRun
                    + "\"}"),
            activityScheduled(5, "2024-03-03T00:00:01Z", "run_action_activity", "5", encoded("binary/encrypted", new byte[10])),
            activityStarted(6, "2024-03-03T00:00:02Z", 5, 1),
            activityCompleted(7, "2024-03-03T00:00:03Z", 5, encoded("json/protobuf", new byte[] {8, 1, 18, 3, 'a', 'b', 'c'})),
            activityScheduled(8, "2024-03-03T00:00:04Z", "run_action_activity", "6", TemporalEvents.json(quiet)),
            activityStarted(9, "2024-03-03T00:00:05Z", 8, 3),
            TemporalEvents.event(
                10,
                "2024-03-03T00:00:06Z",
                "ACTIVITY_TASK_TIMED_OUT",
                "{\"failure\":{\"message\":\"activity StartToClose timeout\",\"timeoutFailureInfo\":{\"timeoutType\":\"TIMEOUT_TYPE_START_TO_CLOSE\"}},"
                    + "\"scheduledEventId\":\"8\",\"startedEventId\":\"9\",\"retryState\":\"RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED\"}"),
            TemporalEvents.event(
                11,
                "2024-03-03T00:00:07Z",
                "WORKFLOW_EXECUTION_SIGNALED",
                "{\"signalName\":\"poke\",\"input\":" + encoded("json/plain", "{not json") + "}"),
            TemporalEvents.event(
                12,
                "2024-03-03T00:00:08Z",
                "WORKFLOW_EXECUTION_SIGNALED",
                "{\"signalName\":\"nothing\",\"input\":" + encoded("binary/null", new byte[0]) + "}"),
            TemporalEvents.event(
                13,
                "2024-03-03T00:00:09.999999999Z",
                "WORKFLOW_EXECUTION_FAILED",
                "{\"failure\":{\"message\":\"POST https://hooks.example.com/in?token=abc&x=1 failed; password=hunter2, APIKEY=k1\","
                    + "\"source\":\"GoSDK\",\"cause\":{\"message\":\"Authorization: Basic dXNlcjpwYXNz\",\"source\":\"\"}},"
                    + "\"retryState\":\"RETRY_STATE_RETRY_POLICY_NOT_SET\",\"workflowTaskCompletedEventId\":\"4\"}"));

    ObjectNode expected() {
      ObjectNode opaque =
          generic(
              5,
              "run_action_activity",
              "5",
              "{\"error\":\"unreadable_temporal_payload\",\"encoding\":\"binary/encrypted\",\"payload_size_bytes\":10}",
              null);
      ObjectNode quietStep =
          group(8, "", "noop", "noop", null, "quiet_step", "Quiet step", null, quiet, Expected.DEFAULT_RETRY, "0.0", "all", null);
      ObjectNode started = event(1, "2024-03-03T00:00:00Z", STARTED);
      with(started, "role", role);
      with(started, "workflow_timeout", "300.0");
      return document(
          id,
          resetRun,
          "2024-03-03T00:00:00Z",
          "2024-03-03T00:00:00Z",
          "2024-03-03T00:00:09.999999Z",
          "FAILED",
          "DSLWorkflow",
          "tracecat-task-queue",
          13,
          null,
          List.of(
              started,
              in(event(5, "2024-03-03T00:00:01Z", "ACTIVITY_TASK_SCHEDULED"), opaque, null),
              in(event(6, "2024-03-03T00:00:02Z", "ACTIVITY_TASK_STARTED"), opaque, 1L),
              with(
                  in(event(7, "2024-03-03T00:00:03Z", "ACTIVITY_TASK_COMPLETED"), opaque, 1L),
                  "result",
                  "{\"error\":\"unreadable_temporal_payload\",\"encoding\":\"json/protobuf\",\"payload_size_bytes\":7}"),
              in(event(8, "2024-03-03T00:00:04Z", "ACTIVITY_TASK_SCHEDULED"), quietStep, null),
              in(event(9, "2024-03-03T00:00:05Z", "ACTIVITY_TASK_STARTED"), quietStep, 3L),
              in(event(10, "2024-03-03T00:00:06Z", "ACTIVITY_TASK_TIMED_OUT"), quietStep, 3L),
              with(
                  event(11, "2024-03-03T00:00:07Z", "WORKFLOW_EXECUTION_SIGNALED"),
                  "result",
                  "{\"error\":\"unreadable_temporal_payload\",\"encoding\":\"json/plain\",\"payload_size_bytes\":9}"),
              event(12, "2024-03-03T00:00:08Z", "WORKFLOW_EXECUTION_SIGNALED"),
              failure(
                  event(13, "2024-03-03T00:00:09.999999Z", "WORKFLOW_EXECUTION_FAILED"),
                  "POST https://hooks.example.com/in?token=[REDACTED]&x=1 failed; password=[REDACTED], APIKEY=[REDACTED]",
                  // Derived from the original: protobuf's canonical JSON leaves out "source":"".
                  "{\"message\":\"Authorization: Basic [REDACTED]\"}")),
          json("{}"));
    }
  }
}
