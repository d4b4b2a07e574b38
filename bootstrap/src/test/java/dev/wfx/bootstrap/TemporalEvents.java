package dev.wfx.bootstrap;

import dev.wfx.adapter.rest.testing.TemporalJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Test fixture: Temporal history JSON events with times of their own and base64 payloads. */
final class TemporalEvents {

  static final long FIRST_TASK_ID = 1_048_576;

  private TemporalEvents() {}

  /** One event in the {@code EVENT_TYPE_…} spelling; its task id is {@link #taskId(long)}. */
  static String event(long id, String time, String type, String attributes) {
    return "{\"eventId\":\""
        + id
        + "\",\"eventTime\":\""
        + time
        + "\",\"eventType\":\"EVENT_TYPE_"
        + type
        + "\",\"taskId\":\""
        + taskId(id)
        + "\",\""
        + TemporalJson.attributesName(type)
        + "\":"
        + attributes
        + "}";
  }

  static long taskId(long eventId) {
    return FIRST_TASK_ID + eventId;
  }

  /** {@code Payloads} with one {@code json/plain} payload. */
  static String json(String json) {
    return TemporalJson.jsonPayloads(json);
  }

  /** {@code Payloads} with one payload of these raw bytes in that encoding. */
  static String encoded(String encoding, byte[] data) {
    return "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + TemporalJson.base64(encoding)
        + "\"},\"data\":\""
        + Base64.getEncoder().encodeToString(data)
        + "\"}]}";
  }

  static String encoded(String encoding, String data) {
    return encoded(encoding, data.getBytes(StandardCharsets.UTF_8));
  }

  static String activityScheduled(long id, String time, String type, String activityId, String input) {
    return event(
        id,
        time,
        "ACTIVITY_TASK_SCHEDULED",
        "{\"activityId\":\""
            + activityId
            + "\",\"activityType\":{\"name\":\""
            + type
            + "\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},\"input\":"
            + input
            + ",\"startToCloseTimeout\":\"60s\"}");
  }

  /** An activity start; {@code attempt} null leaves the field out. */
  static String activityStarted(long id, String time, long scheduled, Integer attempt) {
    return event(
        id,
        time,
        "ACTIVITY_TASK_STARTED",
        "{\"scheduledEventId\":\""
            + scheduled
            + "\",\"identity\":\"1@worker\",\"requestId\":\"r-"
            + id
            + "\""
            + (attempt == null ? "" : ",\"attempt\":" + attempt)
            + "}");
  }

  static String activityCompleted(long id, String time, long scheduled, String result) {
    return event(
        id,
        time,
        "ACTIVITY_TASK_COMPLETED",
        "{\"result\":"
            + result
            + ",\"scheduledEventId\":\""
            + scheduled
            + "\",\"startedEventId\":\""
            + (id - 1)
            + "\"}");
  }

  /** {@code {"events":[...]}} of these events (each one or several comma-joined events). */
  static String history(List<String> events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }

  static String history(String... events) {
    return history(List.of(events));
  }
}
