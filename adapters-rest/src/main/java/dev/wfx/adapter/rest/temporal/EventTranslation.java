package dev.wfx.adapter.rest.temporal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.wfx.domain.history.EventHeader;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.EventType;
import dev.wfx.domain.history.Failure;
import dev.wfx.domain.history.Fingerprint;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Maps one Temporal event object to its typed {@link HistoryEvent}. */
final class EventTranslation {

  private static final String ATTRIBUTES_SUFFIX = "EventAttributes";
  // Spelled once per known type rather than once per event; a type the service does not know is
  // spelled each time, so that senders cannot grow this table.
  private static final Map<KnownEventType, String> ATTRIBUTES_NAMES = attributesNames();

  private EventTranslation() {}

  /**
   * @param event the JSON the typed event is derived from (the canonical JSON of its original)
   * @param received the event as it was sent, whose spelling its fingerprint keeps
   * @param original the event's original, carried in its header
   */
  static HistoryEvent translate(
      JsonTree.Obj event, JsonTree.Obj received, EventOriginal original, int index) {
    Node top = new Node(event, "the event at index " + index, "");
    EventId id = top.eventId("eventId");
    Node at = new Node(event, "event " + id, "");
    String spelling = at.string("eventType");
    EventType type =
        EventType.parse(spelling)
            .orElseThrow(
                () -> at.problemQuoting("eventType", spelling, "is not a Temporal event type"));
    Instant time = timestamp(at, "eventTime");
    long taskId = at.optLong("taskId", 0);
    EventHeader header =
        new EventHeader(id, type, time, taskId, fingerprint(received, id, type, taskId), original);
    String attributesName = attributesName(type);
    Optional<KnownEventType> known = type.known();
    if (known.isEmpty()) {
      return new HistoryEvent.Other(header, rawAttributes(at, attributesName));
    }
    Node attributes = at.object(attributesName);
    return switch (known.get()) {
      case WORKFLOW_EXECUTION_STARTED -> started(header, attributes);
      case WORKFLOW_EXECUTION_COMPLETED ->
          new HistoryEvent.WorkflowClosed(header, Payloads.first(attributes, "result").payload(), null);
      case WORKFLOW_EXECUTION_FAILED ->
          new HistoryEvent.WorkflowClosed(header, Payload.ABSENT, requiredFailure(attributes, "failure"));
      case WORKFLOW_EXECUTION_TERMINATED,
          WORKFLOW_EXECUTION_CANCELED,
          WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
          WORKFLOW_EXECUTION_TIMED_OUT ->
          new HistoryEvent.WorkflowClosed(header, Payload.ABSENT, null);
      case WORKFLOW_TASK_FAILED ->
          new HistoryEvent.WorkflowTaskFailed(
              header, attributes.optString("cause"), attributes.optString("newRunId"));
      case ACTIVITY_TASK_SCHEDULED -> scheduled(header, attributes);
      case ACTIVITY_TASK_STARTED ->
          new HistoryEvent.ActivityStarted(
              header, attributes.eventId("scheduledEventId"), attributes.optLong("attempt", 0));
      case ACTIVITY_TASK_COMPLETED ->
          new HistoryEvent.ActivityClosed(
              header,
              attributes.eventId("scheduledEventId"),
              Payloads.first(attributes, "result").payload(),
              null);
      case ACTIVITY_TASK_FAILED ->
          new HistoryEvent.ActivityClosed(
              header,
              attributes.eventId("scheduledEventId"),
              Payload.ABSENT,
              requiredFailure(attributes, "failure"));
      case ACTIVITY_TASK_TIMED_OUT, ACTIVITY_TASK_CANCELED ->
          new HistoryEvent.ActivityClosed(
              header, attributes.eventId("scheduledEventId"), Payload.ABSENT, null);
      case START_CHILD_WORKFLOW_EXECUTION_INITIATED -> childInitiated(header, attributes);
      case CHILD_WORKFLOW_EXECUTION_COMPLETED ->
          new HistoryEvent.ChildWorkflowEvent(
              header,
              attributes.eventId("initiatedEventId"),
              Payloads.first(attributes, "result").payload(),
              null);
      case CHILD_WORKFLOW_EXECUTION_FAILED ->
          new HistoryEvent.ChildWorkflowEvent(
              header,
              attributes.eventId("initiatedEventId"),
              Payload.ABSENT,
              requiredFailure(attributes, "failure"));
      case CHILD_WORKFLOW_EXECUTION_STARTED,
          CHILD_WORKFLOW_EXECUTION_CANCELED,
          CHILD_WORKFLOW_EXECUTION_TERMINATED,
          CHILD_WORKFLOW_EXECUTION_TIMED_OUT ->
          new HistoryEvent.ChildWorkflowEvent(
              header, attributes.eventId("initiatedEventId"), Payload.ABSENT, null);
      case WORKFLOW_EXECUTION_SIGNALED -> {
        DecodedPayload input = Payloads.first(attributes, "input");
        yield new HistoryEvent.WorkflowSignaled(
            header,
            attributes.string("signalName"),
            input.payload(),
            input.json() == null ? null : TracecatFacts.interactionResponse(input.json()));
      }
      case WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> updateAccepted(header, attributes);
      case WORKFLOW_EXECUTION_UPDATE_REJECTED ->
          new HistoryEvent.UpdateRejected(
              header,
              updateId(attributes, "rejectedRequest"),
              requiredFailure(attributes, "failure"));
      case WORKFLOW_EXECUTION_UPDATE_COMPLETED -> updateCompleted(header, attributes);
    };
  }

  private static HistoryEvent started(EventHeader header, Node attributes) {
    String original = attributes.optString("originalExecutionRunId");
    String first = attributes.optString("firstExecutionRunId");
    if ((original == null || original.isBlank()) && (first == null || first.isBlank())) {
      throw attributes.problem(
          "originalExecutionRunId", "is missing, and so is firstExecutionRunId: the run has no id");
    }
    Duration backoff = attributes.optDuration("firstWorkflowTaskBackoff");
    if (backoff != null && header.time().plus(backoff).isAfter(TimeRange.LATEST)) {
      throw attributes.problemQuoting(
          "firstWorkflowTaskBackoff",
          attributes.optString("firstWorkflowTaskBackoff"),
          "puts the execution time (eventTime plus this) after 9999-12-31");
    }
    DecodedPayload input = Payloads.first(attributes, "input");
    return new HistoryEvent.WorkflowStarted(
        header,
        attributes.object("workflowType").string("name"),
        attributes.object("taskQueue").string("name"),
        original,
        first,
        backoff == null ? Duration.ZERO : backoff,
        attributes.optDuration("workflowExecutionTimeout"),
        attributes.optObject("parentWorkflowExecution").map(p -> p.optString("workflowId")).orElse(null),
        input.payload(),
        input.json() == null ? null : TracecatFacts.runArgs(input.json()));
  }

  private static HistoryEvent scheduled(EventHeader header, Node attributes) {
    DecodedPayload input = Payloads.first(attributes, "input");
    return new HistoryEvent.ActivityScheduled(
        header,
        attributes.string("activityId"),
        attributes.object("activityType").string("name"),
        input.payload(),
        input.json() == null ? null : TracecatFacts.task(input.json()),
        input.json() == null ? null : TracecatFacts.interactionRequest(input.json()));
  }

  private static HistoryEvent childInitiated(EventHeader header, Node attributes) {
    DecodedPayload input = Payloads.first(attributes, "input");
    JsonTree json = input.json();
    return new HistoryEvent.ChildWorkflowInitiated(
        header,
        attributes.string("workflowId"),
        attributes.object("workflowType").string("name"),
        input.payload(),
        json == null ? null : TracecatFacts.runArgs(json),
        json == null ? null : TracecatFacts.dslText(json, "title"),
        json == null ? null : TracecatFacts.dslText(json, "description"));
  }

  private static HistoryEvent updateAccepted(EventHeader header, Node attributes) {
    Node request = attributes.object("acceptedRequest");
    Node input = request.object("input");
    DecodedPayload argument = Payloads.first(input, "args");
    return new HistoryEvent.UpdateAccepted(
        header,
        updateId(attributes, "acceptedRequest"),
        input.string("name"),
        argument.payload(),
        argument.json() == null ? null : TracecatFacts.interactionResponse(argument.json()));
  }

  private static HistoryEvent updateCompleted(EventHeader header, Node attributes) {
    Optional<Node> outcome = attributes.optObject("outcome");
    return new HistoryEvent.UpdateCompleted(
        header,
        attributes.optEventId("acceptedEventId"),
        attributes.object("meta").string("updateId"),
        outcome.map(o -> Payloads.first(o, "success").payload()).orElse(Payload.ABSENT),
        outcome.map(o -> failure(o, "failure")).orElse(null));
  }

  /** The request's {@code meta.updateId}, else the protocol instance id Temporal uses for it. */
  private static String updateId(Node attributes, String requestName) {
    String fromMeta =
        attributes
            .optObject(requestName)
            .flatMap(request -> request.optObject("meta"))
            .map(meta -> meta.optString("updateId"))
            .orElse(null);
    if (fromMeta != null && !fromMeta.isEmpty()) {
      return fromMeta;
    }
    String protocolInstanceId = attributes.optString("protocolInstanceId");
    if (protocolInstanceId == null || protocolInstanceId.isEmpty()) {
      throw attributes.problem(
          requestName + ".meta.updateId", "is missing, and so is protocolInstanceId");
    }
    return protocolInstanceId;
  }

  /** A failure event without its failure still shows one, with an empty message (spec §2.2). */
  private static Failure requiredFailure(Node attributes, String name) {
    Failure failure = failure(attributes, name);
    return failure == null ? Failure.of("") : failure;
  }

  /**
   * The failure's message and its {@code cause} as JSON text. The cause is re-written from the
   * parsed tree, which keeps key order and number spelling but not insignificant whitespace or
   * string escapes; that is the same JSON as recorded, compactly spelled.
   */
  private static Failure failure(Node attributes, String name) {
    return attributes
        .optObject(name)
        .map(
            failure -> {
              String message = failure.optString("message");
              JsonTree cause = failure.obj().get("cause");
              return new Failure(
                  message == null ? "" : message,
                  cause instanceof JsonTree.Obj obj ? JsonText.of(obj.toJson()) : JsonText.EMPTY_OBJECT);
            })
        .orElse(null);
  }

  /** An unknown event's attributes as recorded: its {@code …EventAttributes} object, else {@code {}}. */
  private static JsonText rawAttributes(Node event, String expectedName) {
    JsonTree attributes = event.obj().get(expectedName);
    if (attributes == null) {
      attributes =
          event.obj().members().entrySet().stream()
              .filter(member -> member.getKey().endsWith(ATTRIBUTES_SUFFIX))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
    }
    return attributes instanceof JsonTree.Obj obj ? JsonText.of(obj.toJson()) : JsonText.EMPTY_OBJECT;
  }

  /** {@code ACTIVITY_TASK_SCHEDULED} → {@code activityTaskScheduledEventAttributes}. */
  static String attributesName(EventType type) {
    return type.known().map(ATTRIBUTES_NAMES::get).orElseGet(() -> spellAttributesName(type));
  }

  private static Map<KnownEventType, String> attributesNames() {
    Map<KnownEventType, String> names = new EnumMap<>(KnownEventType.class);
    for (KnownEventType known : KnownEventType.values()) {
      names.put(known, spellAttributesName(EventType.of(known)));
    }
    return names;
  }

  private static String spellAttributesName(EventType type) {
    StringBuilder name = new StringBuilder();
    for (String word : type.name().toLowerCase(Locale.ROOT).split("_")) {
      if (word.isEmpty()) {
        continue;
      }
      name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return name.append(ATTRIBUTES_SUFFIX).toString();
  }

  /** RFC 3339 with any number of fraction digits and any offset, in the {@link TimeRange}. */
  private static Instant timestamp(Node event, String name) {
    String text = event.string(name);
    Instant time = utcTimestamp(text);
    if (time == null) {
      try {
        time =
            OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
      } catch (DateTimeParseException e) {
        throw event.problemQuoting(name, text, "is not an RFC 3339 timestamp");
      }
    }
    if (!TimeRange.holds(time)) {
      throw event.problemQuoting(name, text, "is not " + TimeRange.YEARS);
    }
    return time;
  }

  /**
   * The form Temporal writes, {@code 2023-11-07T05:31:56.123456789Z}, read by hand: the general
   * parser costs more than anything else per event. Null for anything else, which the general
   * parser then reads or refuses, so both accept the same texts.
   */
  private static Instant utcTimestamp(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || length == 21
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z'
        || (length > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = 0;
    if (length > 20) {
      int fraction = digits(text, 20, length - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = length - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    }
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character there is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * SHA-256 of the event as received, but with the id, task id and type in one spelling, so that a
   * retry from a tool that spells them the other proto3 way is still a duplicate.
   *
   * <p>The digest input is the event's compact JSON in UTF-8, written straight into the digest
   * rather than built as one string first; the bytes are the same either way.
   */
  private static Fingerprint fingerprint(JsonTree.Obj event, EventId id, EventType type, long taskId) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (JsonGenerator generator = JsonTree.FACTORY.createGenerator(new DigestWriter(sha256))) {
      writeCanonical(generator, event, id, type, taskId);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a digest cannot fail", e);
    }
    return Fingerprint.of(HexFormat.of().formatHex(sha256.digest()));
  }

  private static void writeCanonical(
      JsonGenerator generator, JsonTree.Obj event, EventId id, EventType type, long taskId)
      throws IOException {
    generator.writeStartObject();
    for (Map.Entry<String, JsonTree> member : event.members().entrySet()) {
      generator.writeFieldName(member.getKey());
      switch (member.getKey()) {
        case "eventId" -> generator.writeNumber(Long.toString(id.value()));
        case "eventType" -> generator.writeString(type.name());
        case "taskId" -> generator.writeNumber(Long.toString(taskId));
        default -> member.getValue().write(generator);
      }
    }
    generator.writeEndObject();
  }
}
