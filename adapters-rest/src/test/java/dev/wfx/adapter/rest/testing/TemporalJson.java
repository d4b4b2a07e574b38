package dev.wfx.adapter.rest.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/** Test fixture: Temporal history JSON as Temporal's tools write it, built from small pieces. */
public final class TemporalJson {

  public static final String RUN_ID = "b9d2c3ad-e03e-49e4-857e-1939d9d32f5e";

  private TemporalJson() {}

  public static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A {@code Payloads} message with one payload. */
  public static String payloads(String encoding, String data) {
    return "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + base64(encoding)
        + "\"},\"data\":\""
        + base64(data)
        + "\"}]}";
  }

  public static String jsonPayloads(String json) {
    return payloads("json/plain", json);
  }

  /** One event in the {@code EVENT_TYPE_…} spelling with string ids. */
  public static String event(long id, String type, String attributes) {
    return "{\"eventId\":\""
        + id
        + "\",\"eventTime\":\"2024-08-14T03:50:59.998228Z\",\"eventType\":\"EVENT_TYPE_"
        + type
        + "\",\"taskId\":\""
        + (1_048_000 + id)
        + "\",\""
        + attributesName(type)
        + "\":"
        + attributes
        + "}";
  }

  public static String attributesName(String type) {
    String camel =
        Arrays.stream(type.toLowerCase().split("_"))
            .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
            .collect(Collectors.joining());
    return Character.toLowerCase(camel.charAt(0)) + camel.substring(1) + "EventAttributes";
  }

  public static String started(long id) {
    return started(id, "{\"payloads\":[]}");
  }

  public static String started(long id, String input) {
    return event(
        id,
        "WORKFLOW_EXECUTION_STARTED",
        "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat\"},"
            + "\"input\":"
            + input
            + ",\"originalExecutionRunId\":\""
            + RUN_ID
            + "\",\"firstExecutionRunId\":\""
            + RUN_ID
            + "\",\"firstWorkflowTaskBackoff\":\"0s\",\"workflowExecutionTimeout\":\"300s\"}");
  }

  /** Event 1 of another run of the execution: its run id, started at {@code eventTime}. */
  public static String startedRun(String runId, String eventTime) {
    return started(1).replace(RUN_ID, runId).replace("2024-08-14T03:50:59.998228Z", eventTime);
  }

  /** A hidden bookkeeping event. */
  public static String workflowTaskScheduled(long id) {
    return event(
        id,
        "WORKFLOW_TASK_SCHEDULED",
        "{\"taskQueue\":{\"name\":\"tracecat\"},\"startToCloseTimeout\":\"10s\",\"attempt\":1}");
  }

  public static String completed(long id) {
    return event(
        id, "WORKFLOW_EXECUTION_COMPLETED", "{\"result\":" + jsonPayloads("{\"ok\":true}") + "}");
  }

  /** {@code {"events":[...]}}. */
  public static String history(String... events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }
}
