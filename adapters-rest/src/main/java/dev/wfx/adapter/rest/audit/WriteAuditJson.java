package dev.wfx.adapter.rest.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.EventId;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Encodes audit entries as {@code {"writes": [...]}}, every field present (null when absent), with
 * the HTTP status the writer was answered.
 */
final class WriteAuditJson {

  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private WriteAuditJson() {}

  static void write(List<WriteAudit> entries, OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("writes");
      for (WriteAudit entry : entries) {
        writeEntry(json, entry);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /** The status {@code POST …/history} answered with this outcome. */
  static int status(WriteOutcome outcome) {
    return switch (outcome) {
      case CREATED -> 201;
      case APPENDED -> 200;
      case CONFLICT, CONTENDED -> 409;
      case INVALID -> 422;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case UNREADABLE -> 400;
      case MALFORMED -> 422;
      case TIMED_OUT -> 503;
      case THROTTLED -> 429;
      case FAILED -> 500;
    };
  }

  private static void writeEntry(JsonGenerator json, WriteAudit entry) throws IOException {
    Role role = entry.caller().role();
    json.writeStartObject();
    json.writeStringField("at", entry.at().toString());
    json.writeStringField("key_id", entry.caller().keyId().value());
    json.writeObjectFieldStart("role");
    json.writeStringField("type", role.type().wireName());
    json.writeStringField("workspace_id", role.workspaceId().value());
    writeNullable(json, "user_id", role.userId());
    json.writeNumberField("access_level", role.accessLevel());
    writeNullable(json, "service_id", role.serviceId());
    json.writeEndObject();
    json.writeStringField("execution_id", entry.executionId().value());
    json.writeStringField("workspace_id", entry.workspace().value());
    writeNullable(json, "run_id", entry.run() == null ? null : entry.run().value());
    writeEventId(json, "first_event_id", entry.firstEventId());
    writeEventId(json, "last_event_id", entry.lastEventId());
    json.writeNumberField("batch_size", entry.batchSize());
    json.writeNumberField("appended", entry.appended());
    json.writeNumberField("duplicates", entry.duplicates());
    json.writeStringField("outcome", entry.outcome().name());
    json.writeNumberField("status", status(entry.outcome()));
    writeNullable(json, "detail", entry.detail());
    json.writeEndObject();
  }

  private static void writeEventId(JsonGenerator json, String name, EventId id) throws IOException {
    if (id == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, id.value());
    }
  }

  private static void writeNullable(JsonGenerator json, String name, String value)
      throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeStringField(name, value);
    }
  }
}
