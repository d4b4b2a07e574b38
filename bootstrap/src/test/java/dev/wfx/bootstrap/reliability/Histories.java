package dev.wfx.bootstrap.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * Test fixture: Temporal history batches of one run whose every event is visible (started,
 * signals, completed), so that a reader can check the document's events against its length.
 */
final class Histories {

  private Histories() {}

  /** Events {@code from..to} of a run that completes at event {@code last}. */
  static String batch(long from, long to, long last) {
    StringJoiner events = new StringJoiner(",", "{\"events\":[", "]}");
    for (long id = from; id <= to; id++) {
      events.add(event(id, last));
    }
    return events.toString();
  }

  private static String event(long id, long last) {
    String head =
        "{\"eventId\":\""
            + id
            + "\",\"eventTime\":\"2024-08-14T03:50:59.998228Z\",\"taskId\":\""
            + (1_048_000 + id)
            + "\",";
    if (id == 1) {
      return head
          + "\"eventType\":\"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\","
          + "\"workflowExecutionStartedEventAttributes\":{\"workflowType\":{\"name\":\"Soak\"},"
          + "\"taskQueue\":{\"name\":\"soak\"},\"input\":{\"payloads\":[]},"
          + "\"originalExecutionRunId\":\"b9d2c3ad-e03e-49e4-857e-1939d9d32f5e\","
          + "\"firstExecutionRunId\":\"b9d2c3ad-e03e-49e4-857e-1939d9d32f5e\"}}";
    }
    if (id == last) {
      return head
          + "\"eventType\":\"EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED\","
          + "\"workflowExecutionCompletedEventAttributes\":{\"result\":"
          + payloads("{\"done\":true}")
          + "}}";
    }
    return head
        + "\"eventType\":\"EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED\","
        + "\"workflowExecutionSignaledEventAttributes\":{\"signalName\":\"tick\",\"input\":"
        + payloads("{\"n\":" + id + "}")
        + "}}";
  }

  private static String payloads(String json) {
    return "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + base64("json/plain")
        + "\"},\"data\":\""
        + base64(json)
        + "\"}]}";
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
