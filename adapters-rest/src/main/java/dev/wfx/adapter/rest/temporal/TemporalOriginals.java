package dev.wfx.adapter.rest.temporal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.wfx.domain.history.EventOriginal;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original of each history event: Temporal's protobuf {@code HistoryEvent}, read from its JSON
 * with protobuf's JSON mapping ({@link ProtoJson}), and the canonical JSON the typed event is
 * derived from.
 *
 * <p>JSON arrives in several spellings — enum values as {@code EVENT_TYPE_ACTIVITY_TASK_SCHEDULED},
 * {@code ACTIVITY_TASK_SCHEDULED} or {@code ActivityTaskScheduled} (older tools), ids as strings or
 * numbers — and protobuf reads one event the same whatever the spelling, so its bytes are the
 * original and protobuf's canonical JSON is what is derived from and exported. An event with a
 * field the protobuf does not know (a newer Temporal's) would lose it there; it is kept as its JSON
 * instead, whole (enum values respelled canonically), and exported as such.
 */
final class TemporalOriginals {

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private TemporalOriginals() {}

  /**
   * An event read: its original and the JSON the typed event is derived from.
   *
   * @param canonical protobuf's canonical JSON of a protobuf original; the event's own JSON (enum
   *     values respelled) for a JSON original
   */
  record Read(EventOriginal original, JsonTree.Obj canonical) {}

  /** The original of an event as received: protobuf when it reads the event whole, else JSON. */
  static Read read(JsonTree.Obj received) {
    HistoryEvent.Builder event = HistoryEvent.newBuilder();
    try {
      ProtoJson.merge(received, event);
    } catch (ProtoJson.NotWhole notWhole) {
      return json(received);
    }
    HistoryEvent built = event.build();
    return new Read(
        new EventOriginal(EventOriginal.Format.TEMPORAL_PROTO, built.toByteArray()),
        ProtoJson.tree(built));
  }

  /** The event kept as its JSON, enum values respelled as protobuf names them. */
  static Read json(JsonTree.Obj received) {
    JsonTree.Obj normalised = (JsonTree.Obj) normalise(received, HistoryEvent.getDescriptor());
    return new Read(
        new EventOriginal(
            EventOriginal.Format.TEMPORAL_JSON,
            normalised.toJson().getBytes(StandardCharsets.UTF_8)),
        normalised);
  }

  /** The canonical JSON text of an original: what an export writes for the event. */
  static String canonicalJson(EventOriginal original) {
    return switch (original.format()) {
      case TEMPORAL_PROTO -> {
        try {
          yield PRINTER.print(proto(original));
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalStateException("a HistoryEvent always prints", e);
        }
      }
      case TEMPORAL_JSON -> new String(original.bytes(), StandardCharsets.UTF_8);
    };
  }

  /** The JSON the typed event is derived from, for an original read before. */
  static JsonTree.Obj canonical(EventOriginal original) {
    return switch (original.format()) {
      case TEMPORAL_PROTO -> ProtoJson.tree(proto(original));
      case TEMPORAL_JSON -> {
        try {
          yield (JsonTree.Obj) JsonTree.parse(canonicalJson(original));
        } catch (IOException e) {
          throw new UncheckedIOException("a stored JSON original does not parse", e);
        }
      }
    };
  }

  private static HistoryEvent proto(EventOriginal original) {
    try {
      return HistoryEvent.parseFrom(original.bytes());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored original is not a HistoryEvent", e);
    }
  }

  /**
   * The value with every enum value that names one respelled as its canonical name: {@code
   * ActivityTaskScheduled} and {@code ACTIVITY_TASK_SCHEDULED} become {@code
   * EVENT_TYPE_ACTIVITY_TASK_SCHEDULED}. Members protobuf does not know are left as they are.
   */
  private static JsonTree normalise(JsonTree value, Descriptor type) {
    if (!(value instanceof JsonTree.Obj obj) || type.getFullName().startsWith("google.protobuf.")) {
      return value;
    }
    Map<String, FieldDescriptor> fields = ProtoJson.fields(type);
    Map<String, JsonTree> members = new LinkedHashMap<>();
    for (Map.Entry<String, JsonTree> member : obj.members().entrySet()) {
      FieldDescriptor field = fields.get(member.getKey());
      members.put(
          member.getKey(), field == null ? member.getValue() : normalise(member.getValue(), field));
    }
    return new JsonTree.Obj(members);
  }

  private static JsonTree normalise(JsonTree value, FieldDescriptor field) {
    if (field.isMapField()) {
      if (!(value instanceof JsonTree.Obj map)) {
        return value;
      }
      FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
      Map<String, JsonTree> entries = new LinkedHashMap<>();
      map.members().forEach((key, entry) -> entries.put(key, single(entry, valueField)));
      return new JsonTree.Obj(entries);
    }
    if (field.isRepeated() && value instanceof JsonTree.Arr array) {
      List<JsonTree> items = new ArrayList<>(array.items().size());
      array.items().forEach(item -> items.add(single(item, field)));
      return new JsonTree.Arr(items);
    }
    return single(value, field);
  }

  private static JsonTree single(JsonTree value, FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case ENUM ->
          value instanceof JsonTree.Str text
              ? new JsonTree.Str(ProtoJson.enumName(text.value(), field.getEnumType()))
              : value;
      case MESSAGE -> normalise(value, field.getMessageType());
      default -> value;
    };
  }
}
