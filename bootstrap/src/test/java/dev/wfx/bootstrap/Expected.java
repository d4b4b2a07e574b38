package dev.wfx.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Test fixture: execution documents written out from the spec (§2, §6) for the histories the tests
 * record, with every field in the spec's order; GET bodies are compared with them as text.
 */
final class Expected {

  static final String DEFAULT_RETRY = "{\"max_attempts\":1,\"timeout\":300,\"retry_until\":null}";
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private Expected() {}

  /** The top level of a document (§2.1). */
  static ObjectNode document(
      String id,
      String runId,
      String startTime,
      String executionTime,
      String closeTime,
      String status,
      String workflowType,
      String taskQueue,
      long historyLength,
      String parent,
      List<ObjectNode> events,
      JsonNode interactionStates) {
    ObjectNode document = NODES.objectNode();
    document.put("id", id);
    document.put("run_id", runId);
    document.put("start_time", startTime);
    document.put("execution_time", executionTime);
    document.put("close_time", closeTime);
    document.put("status", status);
    document.put("workflow_type", workflowType);
    document.put("task_queue", taskQueue);
    document.put("history_length", historyLength);
    document.put("parent_wf_exec_id", parent);
    document.putArray("events").addAll(events);
    document.set("interaction_states", interactionStates);
    return document;
  }

  /** An event (§2.2) with every optional field null; tests set the ones that are not. */
  static ObjectNode event(long id, String time, String type) {
    return event(id, time, type, TemporalEvents.taskId(id));
  }

  static ObjectNode event(long id, String time, String type, long taskId) {
    ObjectNode event = NODES.objectNode();
    event.put("event_id", id);
    event.put("event_time", time);
    event.put("event_type", type);
    event.put("task_id", taskId);
    event.putNull("event_group");
    event.putNull("failure");
    event.putNull("result");
    event.putNull("role");
    event.putNull("parent_wf_exec_id");
    event.putNull("workflow_timeout");
    return event;
  }

  /** The same event carrying that group, with that {@code current_attempt} (null: none). */
  static ObjectNode in(ObjectNode event, ObjectNode group, Long attempt) {
    ObjectNode copy = group.deepCopy();
    if (attempt == null) {
      copy.putNull("current_attempt");
    } else {
      copy.put("current_attempt", attempt);
    }
    event.set("event_group", copy);
    return event;
  }

  static ObjectNode with(ObjectNode event, String field, String json) {
    event.set(field, json == null ? NullNode.getInstance() : Json.read(json));
    return event;
  }

  static ObjectNode failure(ObjectNode event, String message, String cause) {
    ObjectNode failure = NODES.objectNode();
    failure.put("message", message);
    failure.set("cause", Json.read(cause));
    event.set("failure", failure);
    return event;
  }

  /** An event group (§2.3) without its {@code current_attempt}, which each event sets. */
  static ObjectNode group(
      long eventId,
      String namespace,
      String name,
      String key,
      String actionId,
      String actionRef,
      String title,
      String description,
      String actionInput,
      String retryPolicy,
      String startDelay,
      String joinStrategy,
      String related) {
    ObjectNode group = NODES.objectNode();
    group.put("event_id", eventId);
    group.put("udf_namespace", namespace);
    group.put("udf_name", name);
    group.put("udf_key", key);
    group.put("action_id", actionId);
    group.put("action_ref", actionRef);
    group.put("action_title", title);
    group.put("action_description", description);
    group.set("action_input", actionInput == null ? NullNode.getInstance() : Json.read(actionInput));
    group.putNull("action_result");
    group.putNull("current_attempt");
    group.set("retry_policy", Json.read(retryPolicy));
    group.set("start_delay", Json.read(startDelay));
    group.put("join_strategy", joinStrategy);
    group.put("related_wf_exec_id", related);
    return group;
  }

  /** A generic group (§6.2) of an activity, child workflow or update. */
  static ObjectNode generic(long eventId, String name, String actionRef, String actionInput, String related) {
    return group(
        eventId, "temporal", name, name, null, actionRef, null, null, actionInput, DEFAULT_RETRY, "0.0", "all", related);
  }

  static JsonNode json(String text) {
    return Json.read(text);
  }
}
