package dev.wfx.adapter.rest.execution;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.redaction.CauseRedactor;
import dev.wfx.domain.view.DocumentEvent;
import dev.wfx.domain.view.DocumentFailure;
import dev.wfx.domain.view.EventGroup;
import dev.wfx.domain.view.ExecutionDocument;
import dev.wfx.domain.view.InteractionState;
import dev.wfx.domain.view.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes an {@link ExecutionDocument} as the WorkflowExecution JSON of spec §2, streamed: keys in
 * the spec's order, every field present, payloads written byte-for-byte as recorded.
 */
public final class WorkflowExecutionJson {

  static final String UNREADABLE_PAYLOAD = "unreadable_temporal_payload";

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final CauseRedactor redactor;

  /**
   * @param redactor applied to every string inside a failure's {@code cause}, which only this
   *     encoder parses (spec §6.6)
   */
  public WorkflowExecutionJson(CauseRedactor redactor) {
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  /** Writes the document; the stream is flushed, not closed. */
  public void write(ExecutionDocument document, OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("id", document.id().value());
      json.writeStringField("run_id", document.runId());
      json.writeStringField("start_time", timestamp(document.startTime()));
      json.writeStringField("execution_time", timestamp(document.executionTime()));
      json.writeFieldName("close_time");
      writeTimestamp(json, document.closeTime());
      json.writeStringField("status", document.status().name());
      json.writeStringField("workflow_type", document.workflowType());
      json.writeStringField("task_queue", document.taskQueue());
      json.writeNumberField("history_length", document.historyLength());
      writeNullableString(json, "parent_wf_exec_id", document.parentWorkflowId());
      json.writeArrayFieldStart("events");
      for (DocumentEvent event : document.events()) {
        writeEvent(json, event);
      }
      json.writeEndArray();
      json.writeObjectFieldStart("interaction_states");
      for (Map.Entry<String, InteractionState> state : document.interactionStates().entrySet()) {
        json.writeFieldName(state.getKey());
        writeInteractionState(json, state.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    }
  }

  /**
   * ISO-8601 UTC with {@code Z}; a non-zero fraction always has six digits, extra digits truncated
   * (spec §2).
   */
  static String timestamp(Instant instant) {
    Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
    String seconds = SECONDS.format(micros);
    int nanos = micros.getNano();
    return nanos == 0 ? seconds + "Z" : seconds + String.format(".%06dZ", nanos / 1_000);
  }

  private void writeEvent(JsonGenerator json, DocumentEvent event) throws IOException {
    json.writeStartObject();
    json.writeNumberField("event_id", event.eventId().value());
    json.writeStringField("event_time", timestamp(event.eventTime()));
    json.writeStringField("event_type", event.eventType().name());
    json.writeNumberField("task_id", event.taskId());
    json.writeFieldName("event_group");
    if (event.group() == null) {
      json.writeNull();
    } else {
      writeGroup(json, event.group());
    }
    json.writeFieldName("failure");
    if (event.failure() == null) {
      json.writeNull();
    } else {
      writeFailure(json, event.failure());
    }
    json.writeFieldName("result");
    writePayload(json, event.result());
    json.writeFieldName("role");
    writeRaw(json, event.role());
    writeNullableString(json, "parent_wf_exec_id", event.parentWorkflowId());
    json.writeFieldName("workflow_timeout");
    if (event.workflowTimeout() == null) {
      json.writeNull();
    } else {
      json.writeNumber(event.workflowTimeout().doubleValue());
    }
    json.writeEndObject();
  }

  private static void writeGroup(JsonGenerator json, EventGroup group) throws IOException {
    json.writeStartObject();
    json.writeNumberField("event_id", group.eventId().value());
    json.writeStringField("udf_namespace", group.udfNamespace());
    json.writeStringField("udf_name", group.udfName());
    json.writeStringField("udf_key", group.udfKey());
    writeNullableString(json, "action_id", group.actionId());
    writeNullableString(json, "action_ref", group.actionRef());
    writeNullableString(json, "action_title", group.actionTitle());
    writeNullableString(json, "action_description", group.actionDescription());
    json.writeFieldName("action_input");
    writePayload(json, group.actionInput());
    json.writeNullField("action_result");
    json.writeFieldName("current_attempt");
    if (group.currentAttempt() == null) {
      json.writeNull();
    } else {
      json.writeNumber(group.currentAttempt().longValue());
    }
    RetryPolicy retryPolicy = group.retryPolicy();
    json.writeObjectFieldStart("retry_policy");
    json.writeNumberField("max_attempts", retryPolicy.maxAttempts());
    json.writeNumberField("timeout", retryPolicy.timeout());
    writeNullableString(json, "retry_until", retryPolicy.retryUntil());
    json.writeEndObject();
    json.writeNumberField("start_delay", group.startDelay());
    json.writeStringField("join_strategy", group.joinStrategy().wireName());
    writeNullableString(json, "related_wf_exec_id", group.relatedWorkflowId());
    json.writeEndObject();
  }

  private void writeFailure(JsonGenerator json, DocumentFailure failure) throws IOException {
    json.writeStartObject();
    json.writeStringField("message", failure.message());
    json.writeFieldName("cause");
    writeRedactedCause(json, failure.cause());
    json.writeEndObject();
  }

  /**
   * Copies the cause token by token, numbers as spelled and member names as recorded, passing every
   * string, at any depth and in arrays too, through the redactor with the name of its member.
   */
  private void writeRedactedCause(JsonGenerator json, JsonText cause) throws IOException {
    try (JsonParser parser = FACTORY.createParser(cause.text())) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case VALUE_STRING -> {
            String member = parser.getParsingContext().inObject() ? parser.currentName() : null;
            json.writeString(redactor.redact(member, parser.getText()));
          }
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.writeNumber(parser.getText());
          default -> json.copyCurrentEvent(parser);
        }
      }
    }
  }

  private static void writeInteractionState(JsonGenerator json, InteractionState state)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("type", state.type());
    json.writeStringField("action_ref", state.actionRef());
    json.writeStringField("status", state.status().wireName());
    json.writeFieldName("data");
    json.writeRawValue(state.data().text());
    json.writeEndObject();
  }

  private static void writePayload(JsonGenerator json, Payload payload) throws IOException {
    switch (payload) {
      case Payload.Absent absent -> json.writeNull();
      case Payload.Json readable -> json.writeRawValue(readable.json().text());
      case Payload.Unreadable unreadable -> {
        json.writeStartObject();
        json.writeStringField("error", UNREADABLE_PAYLOAD);
        json.writeStringField("encoding", unreadable.encoding());
        json.writeNumberField("payload_size_bytes", unreadable.sizeBytes());
        json.writeEndObject();
      }
    }
  }

  private static void writeRaw(JsonGenerator json, JsonText text) throws IOException {
    if (text == null) {
      json.writeNull();
    } else {
      json.writeRawValue(text.text());
    }
  }

  private static void writeTimestamp(JsonGenerator json, Instant instant) throws IOException {
    if (instant == null) {
      json.writeNull();
    } else {
      json.writeString(timestamp(instant));
    }
  }

  private static void writeNullableString(JsonGenerator json, String name, String value)
      throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeStringField(name, value);
    }
  }
}
