package dev.wfx.bootstrap.adversarial;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Test fixture: Temporal history JSON, valid, for the attacks to start from and bend. */
final class Histories {

  static final String RUN_ID = "b9d2c3ad-e03e-49e4-857e-1939d9d32f5e";
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Histories() {}

  /** A fresh current-form Tracecat id, {@code wf_<22>/exec_<22>}. */
  static String tracecatId() {
    return "wf_" + random(BASE62, 22) + "/exec_" + random(BASE62, 22);
  }

  /** A fresh legacy Tracecat id, {@code wf-<32 hex>:exec-<hex>}. */
  static String legacyId() {
    return "wf-" + random("0123456789abcdef", 32) + ":exec-" + random("0123456789abcdef", 16);
  }

  static String random(String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String jsonPayloads(String json) {
    return "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + base64("json/plain")
        + "\"},\"data\":\""
        + base64(json)
        + "\"}]}";
  }

  static String event(long id, String type, String attributesName, String attributes) {
    return "{\"eventId\":\""
        + id
        + "\",\"eventTime\":\"2024-08-14T03:50:59.998228Z\",\"eventType\":\"EVENT_TYPE_"
        + type
        + "\",\"taskId\":\""
        + (1_048_000 + id)
        + "\",\""
        + attributesName
        + "\":"
        + attributes
        + "}";
  }

  static String started(long id, String input) {
    return event(
        id,
        "WORKFLOW_EXECUTION_STARTED",
        "workflowExecutionStartedEventAttributes",
        "{\"workflowType\":{\"name\":\"OrderWorkflow\"},\"taskQueue\":{\"name\":\"orders\"},"
            + "\"input\":"
            + jsonPayloads(input)
            + ",\"originalExecutionRunId\":\""
            + RUN_ID
            + "\",\"firstExecutionRunId\":\""
            + RUN_ID
            + "\",\"firstWorkflowTaskBackoff\":\"0s\",\"workflowExecutionTimeout\":\"300s\"}");
  }

  static String workflowTaskScheduled(long id) {
    return event(
        id,
        "WORKFLOW_TASK_SCHEDULED",
        "workflowTaskScheduledEventAttributes",
        "{\"taskQueue\":{\"name\":\"orders\"},\"startToCloseTimeout\":\"10s\",\"attempt\":1}");
  }

  static String activityScheduled(long id, String input) {
    return event(
        id,
        "ACTIVITY_TASK_SCHEDULED",
        "activityTaskScheduledEventAttributes",
        "{\"activityId\":\"charge\",\"activityType\":{\"name\":\"charge_card\"},"
            + "\"taskQueue\":{\"name\":\"orders\"},\"input\":"
            + jsonPayloads(input)
            + "}");
  }

  static String activityFailed(long id, long scheduledId, String message) {
    return event(
        id,
        "ACTIVITY_TASK_FAILED",
        "activityTaskFailedEventAttributes",
        "{\"scheduledEventId\":\""
            + scheduledId
            + "\",\"failure\":{\"message\":\""
            + message
            + "\",\"cause\":{\"message\":\""
            + message
            + "\"}}}");
  }

  static String completed(long id, String resultJson) {
    return event(
        id,
        "WORKFLOW_EXECUTION_COMPLETED",
        "workflowExecutionCompletedEventAttributes",
        "{\"result\":" + jsonPayloads(resultJson) + "}");
  }

  static String history(List<String> events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }

  /**
   * A closed history that carries the given secret in an input payload and in a failure message
   * (as an accident would), so the suite can look for it where it must not be.
   */
  static String closedHistory(String secret) {
    List<String> events = new ArrayList<>();
    events.add(started(1, "{\"order\":42,\"note\":\"" + secret + "\"}"));
    events.add(workflowTaskScheduled(2));
    events.add(activityScheduled(3, "{\"card\":\"" + secret + "\"}"));
    events.add(
        activityFailed(
            4,
            3,
            "POST https://bot:"
                + secret
                + "@pay.example/charge failed: Authorization: Bearer "
                + secret
                + " api_key="
                + secret));
    events.add(completed(5, "{\"ok\":true}"));
    return history(events);
  }

  /** A running history of {@code length} events: started, then hidden bookkeeping events. */
  static String runningHistory(int length) {
    List<String> events = new ArrayList<>(length);
    events.add(started(1, "{\"order\":1}"));
    for (long id = 2; id <= length; id++) {
      events.add(workflowTaskScheduled(id));
    }
    return history(events);
  }
}
