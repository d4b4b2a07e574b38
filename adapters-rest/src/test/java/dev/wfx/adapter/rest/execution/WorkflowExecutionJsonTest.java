package dev.wfx.adapter.rest.execution;

import static dev.wfx.adapter.rest.testing.JsonSchemaCheck.assertValidDocument;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfx.adapter.rest.testing.Documents;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.ExecutionStatus;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.redaction.CredentialRedactor;
import dev.wfx.domain.view.DocumentEvent;
import dev.wfx.domain.view.DocumentFailure;
import dev.wfx.domain.view.ExecutionDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class WorkflowExecutionJsonTest {

  private static final ExecutionId ID = ExecutionId.of("wf_4f2bAbCdEfGhIjKlMnOpQr/exec_9a0cAbCdEfGhIjKlMnOpQr");

  private final WorkflowExecutionJson writer = new WorkflowExecutionJson((member, value) -> "<" + value + ">");

  private String json(ExecutionDocument document) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(document, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void givenADocument_whenWritten_thenTheKeysComeInTheSpecsOrderWithNulls() throws IOException {
    JsonNode root = new ObjectMapper().readTree(json(Documents.failedRun(ID)));

    assertEquals(
        List.of("id", "run_id", "start_time", "execution_time", "close_time", "status", "workflow_type",
            "task_queue", "history_length", "parent_wf_exec_id", "events", "interaction_states"),
        keys(root));
    assertEquals(
        List.of("event_id", "event_time", "event_type", "task_id", "event_group", "failure", "result",
            "role", "parent_wf_exec_id", "workflow_timeout"),
        keys(root.get("events").get(0)));
    assertEquals(
        List.of("event_id", "udf_namespace", "udf_name", "udf_key", "action_id", "action_ref",
            "action_title", "action_description", "action_input", "action_result", "current_attempt",
            "retry_policy", "start_delay", "join_strategy", "related_wf_exec_id"),
        keys(root.get("events").get(1).get("event_group")));
    assertEquals(List.of("max_attempts", "timeout", "retry_until"),
        keys(root.get("events").get(1).get("event_group").get("retry_policy")));
    assertEquals(List.of("type", "action_ref", "status", "data"), keys(root.get("interaction_states").get("int-1")));
    assertTrue(root.get("parent_wf_exec_id").isNull());
    assertTrue(root.get("events").get(1).get("event_group").get("action_result").isNull());
    assertTrue(root.get("events").get(1).get("event_group").get("current_attempt").isNull());
    assertTrue(root.get("events").get(1).get("workflow_timeout").isNull());
  }

  @Test
  void givenADocument_whenWritten_thenItIsExactlyTheExpectedText() throws IOException {
    String json = json(Documents.failedRun(ID));

    assertTrue(json.startsWith(
        "{\"id\":\"wf_4f2bAbCdEfGhIjKlMnOpQr/exec_9a0cAbCdEfGhIjKlMnOpQr\",\"run_id\":\"b9d2c3ad-e03e-49e4-857e-1939d9d32f5e\","
            + "\"start_time\":\"2023-11-07T05:31:56Z\",\"execution_time\":\"2023-11-07T05:31:56Z\","
            + "\"close_time\":\"2023-11-07T05:31:58Z\",\"status\":\"FAILED\",\"workflow_type\":\"DSLWorkflow\","
            + "\"task_queue\":\"tracecat-task-queue\",\"history_length\":11,\"parent_wf_exec_id\":null,\"events\":["
            + "{\"event_id\":1,\"event_time\":\"2023-11-07T05:31:56Z\",\"event_type\":\"WORKFLOW_EXECUTION_STARTED\","
            + "\"task_id\":1048642,\"event_group\":null,\"failure\":null,\"result\":null,\"role\":" + Documents.ROLE
            + ",\"parent_wf_exec_id\":null,\"workflow_timeout\":300.0}"), json);
    assertTrue(json.endsWith("\"interaction_states\":{\"int-1\":{\"type\":\"response\",\"action_ref\":\"ask_human\",\"status\":\"completed\",\"data\":{\"ok\":true}}}}"), json);
  }

  @Test
  void givenTimestamps_whenFormatted_thenSixDigitsTruncatedOrNone() {
    assertEquals("2023-11-07T05:31:56Z", WorkflowExecutionJson.timestamp(Instant.parse("2023-11-07T05:31:56Z")));
    assertEquals("2023-11-07T05:31:56.100000Z", WorkflowExecutionJson.timestamp(Instant.parse("2023-11-07T05:31:56.1Z")));
    assertEquals("2023-11-07T05:31:56.123456Z", WorkflowExecutionJson.timestamp(Instant.parse("2023-11-07T05:31:56.123456Z")));
    assertEquals("2023-11-07T05:31:56.123456Z", WorkflowExecutionJson.timestamp(Instant.parse("2023-11-07T05:31:56.123456789Z")));
    assertEquals("2023-11-07T05:31:56Z", WorkflowExecutionJson.timestamp(Instant.parse("2023-11-07T05:31:56.000000999Z")));
    assertEquals("1970-01-01T00:00:00Z", WorkflowExecutionJson.timestamp(Instant.EPOCH));
  }

  @Test
  void givenFloatsAndPayloads_whenWritten_thenFloatsStayFloatsAndPayloadsAreRaw() throws IOException {
    String json = json(Documents.failedRun(ID));

    assertTrue(json.contains("\"workflow_timeout\":300.0"), json);
    assertTrue(json.contains("\"start_delay\":0.0"), json);
    assertTrue(json.contains("\"action_input\":{\"b\":1,\"a\":1.50,\"c\":1e3}"), json);
    assertTrue(json.contains("\"event_time\":\"2023-11-07T05:31:56.123456Z\""), json);
    assertTrue(json.contains("\"event_time\":\"2023-11-07T05:31:56.100000Z\""), json);
    assertTrue(json.contains("\"join_strategy\":\"all\""), json);
    assertTrue(json.contains("\"retry_policy\":{\"max_attempts\":1,\"timeout\":300,\"retry_until\":null}"), json);
  }

  @Test
  void givenAnUnreadablePayload_whenWritten_thenItIsTheUnreadableObject() throws IOException {
    assertTrue(json(Documents.failedRun(ID)).contains(
        "\"result\":{\"error\":\"unreadable_temporal_payload\",\"encoding\":\"binary/encrypted\",\"payload_size_bytes\":42}"));
  }

  @Test
  void givenAFailureCause_whenWritten_thenEveryStringIsRedactedAndNumbersKeepTheirSpelling() throws IOException {
    assertTrue(json(Documents.failedRun(ID)).contains(
        "\"failure\":{\"message\":\"Activity task failed\",\"cause\":{\"message\":\"<Authorization: Bearer abc>\","
            + "\"source\":\"<>\",\"n\":1.50,\"cause\":{\"message\":\"<token=xyz>\",\"big\":1e3}}}"));
  }

  @Test
  void givenCredentialsAnywhereInACause_whenServedWithTheCredentialRedactor_thenNoneRemainsAndTheKeysStay()
      throws IOException {
    String details =
        Base64.getEncoder().encodeToString("{\"password\": \"b64-pw\"}".getBytes(StandardCharsets.UTF_8));
    String cause =
        "{\"message\":\"upstream failed\",\"stackTrace\":\"Traceback:\\n  GET https://u:trace-pw@h/\\n"
            + "  Authorization: Bearer trace-token\\n\",\"encodedAttributes\":{\"items\":[\"ok\","
            + "[\"nested password=array-pw\"]]},\"applicationFailureInfo\":{\"type\":\"HTTPError\","
            + "\"details\":{\"payloads\":[{\"metadata\":{\"encoding\":\"anNvbi9wbGFpbg==\"},\"data\":\""
            + details + "\"}]}},\"headers\":{\"password\":\"member-pw\"},"
            + "\"cause\":{\"message\":\"token=inner-token\",\"n\":1.50}}";
    ExecutionDocument failed =
        new ExecutionDocument(ID, "run", Documents.START, Documents.START, Documents.START, ExecutionStatus.FAILED,
            "Other", "q", 2, null,
            List.of(new DocumentEvent(EventId.of(2), Documents.START, KnownEventType.WORKFLOW_EXECUTION_FAILED, 7,
                null, new DocumentFailure("boom", JsonText.of(cause)), Payload.ABSENT, null, null, null)),
            Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new WorkflowExecutionJson(CredentialRedactor::redact).write(failed, out);

    String json = out.toString(StandardCharsets.UTF_8);
    JsonNode served = new ObjectMapper().readTree(json).path("events").get(0).path("failure").path("cause");
    assertAll(
        () -> assertFalse(json.contains("trace-pw"), json),
        () -> assertFalse(json.contains("trace-token"), json),
        () -> assertFalse(json.contains("array-pw"), json),
        () -> assertFalse(json.contains(details), json),
        () -> assertFalse(json.contains("member-pw"), json),
        () -> assertFalse(json.contains("inner-token"), json),
        () -> assertTrue(served.path("stackTrace").asText().contains("Authorization: Bearer [REDACTED]"), json),
        () -> assertEquals("nested password=[REDACTED]", served.path("encodedAttributes").path("items").get(1).get(0).asText()),
        () -> assertEquals("[REDACTED]", served.path("headers").path("password").asText()),
        () -> assertTrue(json.contains("{\"metadata\":{\"encoding\":\"anNvbi9wbGFpbg==\"},\"data\":\"[REDACTED]\"}"), json),
        () -> assertTrue(json.contains("\"cause\":{\"message\":\"token=[REDACTED]\",\"n\":1.50}"), json));
    assertValidDocument(json);
  }

  @Test
  void givenADocument_whenWritten_thenItMatchesTheSchema() throws IOException {
    assertValidDocument(json(Documents.failedRun(ID)));
  }

  @Test
  void givenATimestampWithTooManyDigits_whenValidated_thenTheSchemaRefusesIt() throws IOException {
    String broken = json(Documents.failedRun(ID)).replace("56.123456Z", "56.1234567Z");

    assertThrows(AssertionFailedError.class, () -> assertValidDocument(broken));
  }

  @Test
  void givenARunningDocumentWithoutEvents_whenWritten_thenItMatchesTheSchema() throws IOException {
    ExecutionDocument running =
        new ExecutionDocument(ID, "run", Documents.START, Documents.START, null, ExecutionStatus.RUNNING,
            "Other", "q", 1, "wf-parent", List.of(), Map.of());

    String json = json(running);

    assertTrue(json.contains("\"close_time\":null"), json);
    assertTrue(json.endsWith("\"events\":[],\"interaction_states\":{}}"), json);
    assertValidDocument(json);
  }
}
