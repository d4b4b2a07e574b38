package dev.wfx.adapter.persistence.execution;

import dev.wfx.domain.history.EventHeader;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventType;
import dev.wfx.domain.history.Failure;
import dev.wfx.domain.history.Fingerprint;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.ActivityClosed;
import dev.wfx.domain.history.HistoryEvent.ActivityScheduled;
import dev.wfx.domain.history.HistoryEvent.ActivityStarted;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowEvent;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowInitiated;
import dev.wfx.domain.history.HistoryEvent.Other;
import dev.wfx.domain.history.HistoryEvent.UpdateAccepted;
import dev.wfx.domain.history.HistoryEvent.UpdateCompleted;
import dev.wfx.domain.history.HistoryEvent.UpdateRejected;
import dev.wfx.domain.history.HistoryEvent.WorkflowClosed;
import dev.wfx.domain.history.HistoryEvent.WorkflowSignaled;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.HistoryEvent.WorkflowTaskFailed;
import dev.wfx.domain.history.InteractionRequest;
import dev.wfx.domain.history.InteractionResponse;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.history.RunArgs;
import dev.wfx.domain.history.TimeoutSetting;
import dev.wfx.domain.history.TracecatTask;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Maps each kind of {@link HistoryEvent} to an {@link EventRow} and back, field by field.
 *
 * <p>The header and the payload have columns of their own; a kind's other fields go into a small
 * JSON object in {@code attributes}, where every JSON text the domain holds ({@link JsonText}) is
 * kept as a JSON string so that its exact spelling survives. Null components are left out of the
 * object. Doubles are written as Java's own decimal text, which reads back to the very same double
 * (a JSON number would lose {@code -0.0}).
 */
final class HistoryEventCodec {

  private static final JsonProvider JSON = JsonProvider.provider();
  private static final JsonGeneratorFactory GENERATORS = JSON.createGeneratorFactory(Map.of());
  private static final JsonReaderFactory READERS = JSON.createReaderFactory(Map.of());

  // The kinds as stored; renaming one needs a migration.
  static final String WORKFLOW_STARTED = "workflow_started";
  static final String WORKFLOW_CLOSED = "workflow_closed";
  static final String WORKFLOW_TASK_FAILED = "workflow_task_failed";
  static final String ACTIVITY_SCHEDULED = "activity_scheduled";
  static final String ACTIVITY_STARTED = "activity_started";
  static final String ACTIVITY_CLOSED = "activity_closed";
  static final String CHILD_WORKFLOW_INITIATED = "child_workflow_initiated";
  static final String CHILD_WORKFLOW_EVENT = "child_workflow_event";
  static final String WORKFLOW_SIGNALED = "workflow_signaled";
  static final String UPDATE_ACCEPTED = "update_accepted";
  static final String UPDATE_REJECTED = "update_rejected";
  static final String UPDATE_COMPLETED = "update_completed";
  static final String OTHER = "other";

  EventRow encode(HistoryEvent event) {
    return switch (event) {
      case WorkflowStarted e ->
          row(
              e,
              WORKFLOW_STARTED,
              e.input(),
              object(
                  g -> {
                    g.write("workflowType", e.workflowType());
                    g.write("taskQueue", e.taskQueue());
                    put(g, "originalExecutionRunId", e.originalExecutionRunId());
                    put(g, "firstExecutionRunId", e.firstExecutionRunId());
                    g.write("firstWorkflowTaskBackoff", e.firstWorkflowTaskBackoff().toString());
                    if (e.workflowExecutionTimeout() != null) {
                      g.write("workflowExecutionTimeout", e.workflowExecutionTimeout().toString());
                    }
                    put(g, "parentWorkflowId", e.parentWorkflowId());
                    putRunArgs(g, e.runArgs());
                  }));
      case WorkflowClosed e -> row(e, WORKFLOW_CLOSED, e.result(), object(g -> putFailure(g, e.failure())));
      case WorkflowTaskFailed e ->
          row(
              e,
              WORKFLOW_TASK_FAILED,
              Payload.ABSENT,
              object(
                  g -> {
                    put(g, "cause", e.cause());
                    put(g, "newRunId", e.newRunId());
                  }));
      case ActivityScheduled e ->
          row(
              e,
              ACTIVITY_SCHEDULED,
              e.input(),
              object(
                  g -> {
                    g.write("activityId", e.activityId());
                    g.write("activityType", e.activityType());
                    putTask(g, e.task());
                    putInteractionRequest(g, e.interaction());
                  }));
      case ActivityStarted e ->
          row(
              e,
              ACTIVITY_STARTED,
              Payload.ABSENT,
              object(
                  g -> {
                    g.write("scheduledEventId", e.scheduledEventId().value());
                    g.write("attempt", e.attempt());
                  }));
      case ActivityClosed e ->
          row(
              e,
              ACTIVITY_CLOSED,
              e.result(),
              object(
                  g -> {
                    g.write("scheduledEventId", e.scheduledEventId().value());
                    putFailure(g, e.failure());
                  }));
      case ChildWorkflowInitiated e ->
          row(
              e,
              CHILD_WORKFLOW_INITIATED,
              e.input(),
              object(
                  g -> {
                    g.write("workflowId", e.workflowId());
                    g.write("workflowType", e.workflowType());
                    putRunArgs(g, e.runArgs());
                    put(g, "dslTitle", e.dslTitle());
                    put(g, "dslDescription", e.dslDescription());
                  }));
      case ChildWorkflowEvent e ->
          row(
              e,
              CHILD_WORKFLOW_EVENT,
              e.result(),
              object(
                  g -> {
                    g.write("initiatedEventId", e.initiatedEventId().value());
                    putFailure(g, e.failure());
                  }));
      case WorkflowSignaled e ->
          row(
              e,
              WORKFLOW_SIGNALED,
              e.input(),
              object(
                  g -> {
                    g.write("signalName", e.signalName());
                    putInteractionResponse(g, e.interaction());
                  }));
      case UpdateAccepted e ->
          row(
              e,
              UPDATE_ACCEPTED,
              e.argument(),
              object(
                  g -> {
                    g.write("updateId", e.updateId());
                    g.write("updateName", e.updateName());
                    putInteractionResponse(g, e.interaction());
                  }));
      case UpdateRejected e ->
          row(
              e,
              UPDATE_REJECTED,
              Payload.ABSENT,
              object(
                  g -> {
                    g.write("updateId", e.updateId());
                    putFailure(g, e.failure());
                  }));
      case UpdateCompleted e ->
          row(
              e,
              UPDATE_COMPLETED,
              e.success(),
              object(
                  g -> {
                    if (e.acceptedEventId() != null) {
                      g.write("acceptedEventId", e.acceptedEventId().value());
                    }
                    g.write("updateId", e.updateId());
                    putFailure(g, e.failure());
                  }));
      case Other e -> row(e, OTHER, Payload.ABSENT, e.attributes().text());
    };
  }

  HistoryEvent decode(EventRow row) {
    EventHeader header =
        new EventHeader(
            EventId.of(row.eventId()),
            new EventType(row.eventType()),
            Instant.ofEpochSecond(row.timeSeconds(), row.timeNanos()),
            row.taskId(),
            Fingerprint.of(row.fingerprint()));
    if (row.kind().equals(OTHER)) {
      return new Other(header, JsonText.of(row.attributes()));
    }
    Payload payload = payload(row);
    JsonObject a = parse(row.attributes());
    return switch (row.kind()) {
      case WORKFLOW_STARTED -> {
        String timeout = text(a, "workflowExecutionTimeout");
        yield new WorkflowStarted(
            header,
            text(a, "workflowType"),
            text(a, "taskQueue"),
            text(a, "originalExecutionRunId"),
            text(a, "firstExecutionRunId"),
            Duration.parse(text(a, "firstWorkflowTaskBackoff")),
            timeout == null ? null : Duration.parse(timeout),
            text(a, "parentWorkflowId"),
            payload,
            runArgs(a));
      }
      case WORKFLOW_CLOSED -> new WorkflowClosed(header, payload, failure(a));
      case WORKFLOW_TASK_FAILED ->
          new WorkflowTaskFailed(header, text(a, "cause"), text(a, "newRunId"));
      case ACTIVITY_SCHEDULED ->
          new ActivityScheduled(
              header,
              text(a, "activityId"),
              text(a, "activityType"),
              payload,
              task(a),
              interactionRequest(a));
      case ACTIVITY_STARTED ->
          new ActivityStarted(header, eventId(a, "scheduledEventId"), number(a, "attempt"));
      case ACTIVITY_CLOSED ->
          new ActivityClosed(header, eventId(a, "scheduledEventId"), payload, failure(a));
      case CHILD_WORKFLOW_INITIATED ->
          new ChildWorkflowInitiated(
              header,
              text(a, "workflowId"),
              text(a, "workflowType"),
              payload,
              runArgs(a),
              text(a, "dslTitle"),
              text(a, "dslDescription"));
      case CHILD_WORKFLOW_EVENT ->
          new ChildWorkflowEvent(header, eventId(a, "initiatedEventId"), payload, failure(a));
      case WORKFLOW_SIGNALED ->
          new WorkflowSignaled(header, text(a, "signalName"), payload, interactionResponse(a));
      case UPDATE_ACCEPTED ->
          new UpdateAccepted(
              header, text(a, "updateId"), text(a, "updateName"), payload, interactionResponse(a));
      case UPDATE_REJECTED -> new UpdateRejected(header, text(a, "updateId"), failure(a));
      case UPDATE_COMPLETED ->
          new UpdateCompleted(
              header,
              a.containsKey("acceptedEventId") ? eventId(a, "acceptedEventId") : null,
              text(a, "updateId"),
              payload,
              failure(a));
      default ->
          throw new IllegalStateException(
              "event " + row.eventId() + " has the unknown stored kind '" + row.kind() + "'");
    };
  }

  private static EventRow row(HistoryEvent event, String kind, Payload payload, String attributes) {
    Instant time = event.time();
    return new EventRow(
        event.id().value(),
        kind,
        event.type().name(),
        time.getEpochSecond(),
        time.getNano(),
        event.taskId(),
        event.header().fingerprint().value(),
        payload instanceof Payload.Json json ? json.json().text() : null,
        payload instanceof Payload.Unreadable unreadable ? unreadable.encoding() : null,
        payload instanceof Payload.Unreadable unreadable ? unreadable.sizeBytes() : null,
        attributes,
        event.header().original());
  }

  private static Payload payload(EventRow row) {
    if (row.payload() != null) {
      return new Payload.Json(JsonText.of(row.payload()));
    }
    if (row.payloadEncoding() != null) {
      return new Payload.Unreadable(row.payloadEncoding(), row.payloadSize());
    }
    return Payload.ABSENT;
  }

  private static String object(Consumer<JsonGenerator> fields) {
    StringWriter out = new StringWriter(96);
    try (JsonGenerator generator = GENERATORS.createGenerator(out)) {
      generator.writeStartObject();
      fields.accept(generator);
      generator.writeEnd();
    }
    return out.toString();
  }

  private static void put(JsonGenerator g, String name, String value) {
    if (value != null) {
      g.write(name, value);
    }
  }

  private static void putFailure(JsonGenerator g, Failure failure) {
    if (failure != null) {
      g.writeStartObject("failure");
      g.write("message", failure.message());
      g.write("cause", failure.cause().text());
      g.writeEnd();
    }
  }

  private static void putRunArgs(JsonGenerator g, RunArgs runArgs) {
    if (runArgs != null) {
      g.writeStartObject("runArgs");
      g.write("role", runArgs.role().text());
      putTimeout(g, "runtimeTimeout", runArgs.runtimeTimeout());
      putTimeout(g, "timeout", runArgs.timeout());
      g.writeEnd();
    }
  }

  private static void putTimeout(JsonGenerator g, String name, TimeoutSetting timeout) {
    if (timeout == null) {
      return;
    }
    g.writeStartObject(name);
    switch (timeout) {
      case TimeoutSetting.Seconds seconds -> g.write("seconds", Double.toString(seconds.value()));
      case TimeoutSetting.Text text -> g.write("text", text.value());
      case TimeoutSetting.Unreadable unreadable -> g.write("unreadable", true);
    }
    g.writeEnd();
  }

  private static void putTask(JsonGenerator g, TracecatTask task) {
    if (task == null) {
      return;
    }
    g.writeStartObject("task");
    g.write("action", task.action());
    put(g, "ref", task.ref());
    put(g, "description", task.description());
    if (task.maxAttempts() != null) {
      g.write("maxAttempts", task.maxAttempts());
    }
    if (task.timeout() != null) {
      g.write("timeout", task.timeout());
    }
    put(g, "retryUntil", task.retryUntil());
    if (task.startDelay() != null) {
      g.write("startDelay", Double.toString(task.startDelay()));
    }
    put(g, "joinStrategy", task.joinStrategy());
    g.writeEnd();
  }

  private static void putInteractionRequest(JsonGenerator g, InteractionRequest interaction) {
    if (interaction != null) {
      g.writeStartObject("interaction");
      g.write("interactionId", interaction.interactionId());
      put(g, "contextActionRef", interaction.contextActionRef());
      put(g, "taskRef", interaction.taskRef());
      put(g, "taskInteractionType", interaction.taskInteractionType());
      g.writeEnd();
    }
  }

  private static void putInteractionResponse(JsonGenerator g, InteractionResponse interaction) {
    if (interaction != null) {
      g.writeStartObject("interaction");
      g.write("interactionId", interaction.interactionId());
      g.write("data", interaction.data().text());
      g.writeEnd();
    }
  }

  private static JsonObject parse(String text) {
    try (JsonReader reader = READERS.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static String text(JsonObject object, String name) {
    JsonValue value = object.get(name);
    return value == null ? null : ((JsonString) value).getString();
  }

  private static long number(JsonObject object, String name) {
    return ((JsonNumber) object.get(name)).longValueExact();
  }

  private static Long optionalNumber(JsonObject object, String name) {
    return object.containsKey(name) ? number(object, name) : null;
  }

  private static Double optionalDouble(JsonObject object, String name) {
    String text = text(object, name);
    return text == null ? null : Double.parseDouble(text);
  }

  private static EventId eventId(JsonObject object, String name) {
    return EventId.of(number(object, name));
  }

  private static Failure failure(JsonObject attributes) {
    JsonObject failure = attributes.getJsonObject("failure");
    return failure == null
        ? null
        : new Failure(text(failure, "message"), JsonText.of(text(failure, "cause")));
  }

  private static RunArgs runArgs(JsonObject attributes) {
    JsonObject runArgs = attributes.getJsonObject("runArgs");
    return runArgs == null
        ? null
        : new RunArgs(
            JsonText.of(text(runArgs, "role")),
            timeout(runArgs, "runtimeTimeout"),
            timeout(runArgs, "timeout"));
  }

  private static TimeoutSetting timeout(JsonObject runArgs, String name) {
    JsonObject timeout = runArgs.getJsonObject(name);
    if (timeout == null) {
      return null;
    }
    if (timeout.containsKey("seconds")) {
      return new TimeoutSetting.Seconds(Double.parseDouble(text(timeout, "seconds")));
    }
    if (timeout.containsKey("text")) {
      return new TimeoutSetting.Text(text(timeout, "text"));
    }
    return new TimeoutSetting.Unreadable();
  }

  private static TracecatTask task(JsonObject attributes) {
    JsonObject task = attributes.getJsonObject("task");
    return task == null
        ? null
        : new TracecatTask(
            text(task, "action"),
            text(task, "ref"),
            text(task, "description"),
            optionalNumber(task, "maxAttempts"),
            optionalNumber(task, "timeout"),
            text(task, "retryUntil"),
            optionalDouble(task, "startDelay"),
            text(task, "joinStrategy"));
  }

  private static InteractionRequest interactionRequest(JsonObject attributes) {
    JsonObject interaction = attributes.getJsonObject("interaction");
    return interaction == null
        ? null
        : new InteractionRequest(
            text(interaction, "interactionId"),
            text(interaction, "contextActionRef"),
            text(interaction, "taskRef"),
            text(interaction, "taskInteractionType"));
  }

  private static InteractionResponse interactionResponse(JsonObject attributes) {
    JsonObject interaction = attributes.getJsonObject("interaction");
    return interaction == null
        ? null
        : new InteractionResponse(
            text(interaction, "interactionId"), JsonText.of(text(interaction, "data")));
  }
}
