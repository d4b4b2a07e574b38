package dev.wfx.adapter.rest.temporal;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Protobuf's JSON mapping (proto3), read from and written to {@link JsonTree}s directly, for the
 * messages of Temporal's history: the tree is read once, with no JSON text in between.
 *
 * <p>Reading is strict where wfx's own reading of a history is: a member protobuf does not know, a
 * value of another type (a number for a string, {@code null}), a timestamp that is no RFC 3339
 * date, a duration that is not {@code <seconds>s}, base64 that does not decode, or an enum value
 * that names none makes the event {@link NotWhole}, and it is kept as its JSON. Enum values are
 * read in Temporal's three spellings ({@code EVENT_TYPE_ACTIVITY_TASK_SCHEDULED}, {@code
 * ACTIVITY_TASK_SCHEDULED}, {@code ActivityTaskScheduled}); integers as numbers in any whole
 * spelling or as strings of digits. Writing gives the canonical form: JSON names, 64-bit integers
 * as strings, enum names, standard base64, default values left out.
 */
final class ProtoJson {

  /** The value does not read as the message whole. */
  static final class NotWhole extends Exception {
    NotWhole(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final Pattern DIGITS = Pattern.compile("-?[0-9]+");
  private static final Pattern DURATION = Pattern.compile("-?[0-9]+(\\.[0-9]{1,9})?s");
  private static final String UNSPECIFIED = "UNSPECIFIED";
  private static final String TIMESTAMP = Timestamp.getDescriptor().getFullName();
  private static final String DURATION_TYPE = Duration.getDescriptor().getFullName();
  // Per message type: its fields by JSON name and by proto name, as the JSON may use either.
  private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS =
      new ConcurrentHashMap<>();
  private static final Map<EnumDescriptor, Map<String, EnumValueDescriptor>> ENUM_SPELLINGS =
      new ConcurrentHashMap<>();

  private ProtoJson() {}

  /** Merges the object into the builder, as protobuf's JSON parser would, or refuses it whole. */
  static void merge(JsonTree.Obj object, Message.Builder builder) throws NotWhole {
    Descriptor type = builder.getDescriptorForType();
    Map<String, FieldDescriptor> fields = fields(type);
    for (Map.Entry<String, JsonTree> member : object.members().entrySet()) {
      FieldDescriptor field = fields.get(member.getKey());
      if (field == null) {
        throw new NotWhole(type.getName() + " has no field " + member.getKey());
      }
      JsonTree value = member.getValue();
      if (field.isMapField()) {
        mergeMap(field, value, builder);
      } else if (field.isRepeated()) {
        if (!(value instanceof JsonTree.Arr array)) {
          throw new NotWhole(field.getName() + " is not an array");
        }
        for (JsonTree item : array.items()) {
          builder.addRepeatedField(field, single(field, item, builder));
        }
      } else {
        if (field.getRealContainingOneof() != null
            && builder.hasOneof(field.getRealContainingOneof())) {
          throw new NotWhole(field.getName() + " is a second member of a oneof");
        }
        builder.setField(field, single(field, value, builder));
      }
    }
  }

  private static void mergeMap(FieldDescriptor field, JsonTree value, Message.Builder builder)
      throws NotWhole {
    if (!(value instanceof JsonTree.Obj map)) {
      throw new NotWhole(field.getName() + " is not an object");
    }
    Descriptor entryType = field.getMessageType();
    FieldDescriptor keyField = entryType.findFieldByName("key");
    FieldDescriptor valueField = entryType.findFieldByName("value");
    if (keyField.getJavaType() != FieldDescriptor.JavaType.STRING) {
      throw new NotWhole(field.getName() + " has keys other than strings");
    }
    for (Map.Entry<String, JsonTree> entry : map.members().entrySet()) {
      Message.Builder entryBuilder = builder.newBuilderForField(field);
      entryBuilder.setField(keyField, entry.getKey());
      entryBuilder.setField(valueField, single(valueField, entry.getValue(), entryBuilder));
      builder.addRepeatedField(field, entryBuilder.build());
    }
  }

  private static Object single(FieldDescriptor field, JsonTree value, Message.Builder parent)
      throws NotWhole {
    return switch (field.getJavaType()) {
      case INT -> {
        long number = whole(field, value);
        boolean unsigned =
            field.getType() == FieldDescriptor.Type.UINT32
                || field.getType() == FieldDescriptor.Type.FIXED32;
        if (unsigned ? number < 0 || number > 0xFFFF_FFFFL : number != (int) number) {
          throw new NotWhole(field.getName() + " is out of range");
        }
        yield (int) number;
      }
      case LONG -> {
        if (field.getType() == FieldDescriptor.Type.UINT64
            || field.getType() == FieldDescriptor.Type.FIXED64) {
          throw new NotWhole(field.getName() + " is an unsigned 64-bit integer");
        }
        yield whole(field, value);
      }
      case FLOAT -> (float) real(field, value);
      case DOUBLE -> real(field, value);
      case BOOLEAN -> {
        if (!(value instanceof JsonTree.Bool bool)) {
          throw new NotWhole(field.getName() + " is not a boolean");
        }
        yield bool.value();
      }
      case STRING -> text(field, value);
      case BYTE_STRING -> ByteString.copyFrom(base64(field, text(field, value)));
      case ENUM -> enumValue(field, text(field, value));
      case MESSAGE -> message(field, value, parent);
    };
  }

  private static Object message(FieldDescriptor field, JsonTree value, Message.Builder parent)
      throws NotWhole {
    String type = field.getMessageType().getFullName();
    if (type.equals(TIMESTAMP)) {
      return timestamp(field, text(field, value));
    }
    if (type.equals(DURATION_TYPE)) {
      return duration(field, text(field, value));
    }
    if (type.startsWith("google.protobuf.")) {
      throw new NotWhole(field.getName() + " is a " + type + ", which is read as JSON");
    }
    if (!(value instanceof JsonTree.Obj object)) {
      throw new NotWhole(field.getName() + " is not an object");
    }
    Message.Builder builder = parent.newBuilderForField(field);
    merge(object, builder);
    return builder.build();
  }

  private static String text(FieldDescriptor field, JsonTree value) throws NotWhole {
    if (!(value instanceof JsonTree.Str text)) {
      throw new NotWhole(field.getName() + " is not a string");
    }
    return text.value();
  }

  private static long whole(FieldDescriptor field, JsonTree value) throws NotWhole {
    try {
      return switch (value) {
        case JsonTree.Num number ->
            number.integral()
                ? Long.parseLong(number.text())
                : new BigDecimal(number.text()).longValueExact();
        case JsonTree.Str text when DIGITS.matcher(text.value()).matches() ->
            Long.parseLong(text.value());
        default -> throw new NotWhole(field.getName() + " is not an integer");
      };
    } catch (NumberFormatException | ArithmeticException notALong) {
      throw new NotWhole(field.getName() + " is not a 64-bit integer");
    }
  }

  private static double real(FieldDescriptor field, JsonTree value) throws NotWhole {
    try {
      return switch (value) {
        case JsonTree.Num number -> Double.parseDouble(number.text());
        case JsonTree.Str text ->
            switch (text.value()) {
              case "NaN" -> Double.NaN;
              case "Infinity" -> Double.POSITIVE_INFINITY;
              case "-Infinity" -> Double.NEGATIVE_INFINITY;
              default -> Double.parseDouble(new BigDecimal(text.value()).toString());
            };
        default -> throw new NotWhole(field.getName() + " is not a number");
      };
    } catch (NumberFormatException notANumber) {
      throw new NotWhole(field.getName() + " is not a number");
    }
  }

  private static byte[] base64(FieldDescriptor field, String text) throws NotWhole {
    try {
      return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text)
          : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException notBase64) {
      throw new NotWhole(field.getName() + " is not base64");
    }
  }

  private static EnumValueDescriptor enumValue(FieldDescriptor field, String spelling)
      throws NotWhole {
    EnumValueDescriptor value =
        ENUM_SPELLINGS.computeIfAbsent(field.getEnumType(), ProtoJson::spellingsOf).get(spelling);
    if (value == null) {
      throw new NotWhole(field.getName() + " has no value " + spelling);
    }
    return value;
  }

  /** RFC 3339, strictly: what wfx reads as an event time. */
  private static Timestamp timestamp(FieldDescriptor field, String text) throws NotWhole {
    try {
      Instant instant =
          OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant();
      Timestamp timestamp =
          Timestamp.newBuilder()
              .setSeconds(instant.getEpochSecond())
              .setNanos(instant.getNano())
              .build();
      if (!Timestamps.isValid(timestamp)) {
        throw new NotWhole(field.getName() + " is out of protobuf's range");
      }
      return timestamp;
    } catch (DateTimeException notATime) {
      throw new NotWhole(field.getName() + " is not an RFC 3339 timestamp");
    }
  }

  private static Duration duration(FieldDescriptor field, String text) throws NotWhole {
    if (!DURATION.matcher(text).matches()) {
      throw new NotWhole(field.getName() + " is not a duration");
    }
    try {
      Duration duration = Durations.parse(text);
      if (!Durations.isValid(duration)) {
        throw new NotWhole(field.getName() + " is out of protobuf's range");
      }
      return duration;
    } catch (java.text.ParseException | IllegalArgumentException notADuration) {
      throw new NotWhole(field.getName() + " is not a duration");
    }
  }

  /** The message in protobuf's canonical JSON, as a tree. */
  static JsonTree.Obj tree(Message message) {
    Map<String, JsonTree> members = new LinkedHashMap<>();
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      members.put(field.getKey().getJsonName(), value(field.getKey(), field.getValue()));
    }
    return new JsonTree.Obj(members);
  }

  private static JsonTree value(FieldDescriptor field, Object value) {
    if (field.isMapField()) {
      Map<String, JsonTree> entries = new LinkedHashMap<>();
      FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
      for (Object entry : (List<?>) value) {
        MapEntry<?, ?> mapEntry = (MapEntry<?, ?>) entry;
        entries.put(String.valueOf(mapEntry.getKey()), single(valueField, mapEntry.getValue()));
      }
      return new JsonTree.Obj(entries);
    }
    if (field.isRepeated()) {
      List<JsonTree> items = new ArrayList<>();
      for (Object item : (List<?>) value) {
        items.add(single(field, item));
      }
      return new JsonTree.Arr(items);
    }
    return single(field, value);
  }

  private static JsonTree single(FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case INT ->
          new JsonTree.Num(
              field.getType() == FieldDescriptor.Type.UINT32
                      || field.getType() == FieldDescriptor.Type.FIXED32
                  ? Integer.toUnsignedString((Integer) value)
                  : Integer.toString((Integer) value),
              true);
      case LONG -> new JsonTree.Str(Long.toString((Long) value));
      case FLOAT -> real(((Float) value).doubleValue());
      case DOUBLE -> real((Double) value);
      case BOOLEAN -> new JsonTree.Bool((Boolean) value);
      case STRING -> new JsonTree.Str((String) value);
      case BYTE_STRING ->
          new JsonTree.Str(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case ENUM -> new JsonTree.Str(((EnumValueDescriptor) value).getName());
      case MESSAGE -> {
        String type = field.getMessageType().getFullName();
        if (type.equals(TIMESTAMP)) {
          yield new JsonTree.Str(Timestamps.toString((Timestamp) value));
        }
        if (type.equals(DURATION_TYPE)) {
          yield new JsonTree.Str(Durations.toString((Duration) value));
        }
        yield tree((Message) value);
      }
    };
  }

  private static JsonTree real(double value) {
    return Double.isNaN(value) || Double.isInfinite(value)
        ? new JsonTree.Str(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity")
        : new JsonTree.Num(Double.toString(value), false);
  }

  private static Map<String, FieldDescriptor> fieldsOf(Descriptor type) {
    Map<String, FieldDescriptor> fields = new HashMap<>();
    for (FieldDescriptor field : type.getFields()) {
      fields.put(field.getName(), field);
      fields.put(field.getJsonName(), field);
    }
    return fields;
  }

  /**
   * Every spelling of each value: its name ({@code EVENT_TYPE_ACTIVITY_TASK_SCHEDULED}), without
   * the enum's prefix ({@code ACTIVITY_TASK_SCHEDULED}) and in CamelCase ({@code
   * ActivityTaskScheduled}), as older Temporal tools wrote them.
   */
  private static Map<String, EnumValueDescriptor> spellingsOf(EnumDescriptor type) {
    String first = type.getValues().getFirst().getName();
    String prefix =
        first.endsWith(UNSPECIFIED) ? first.substring(0, first.length() - UNSPECIFIED.length()) : "";
    Map<String, EnumValueDescriptor> spellings = new HashMap<>();
    for (EnumValueDescriptor value : type.getValues()) {
      String name = value.getName();
      String bare = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
      StringBuilder camel = new StringBuilder();
      for (String word : bare.toLowerCase(Locale.ROOT).split("_")) {
        if (!word.isEmpty()) {
          camel.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
      }
      spellings.putIfAbsent(camel.toString(), value);
      spellings.putIfAbsent(bare, value);
      spellings.put(name, value);
    }
    return spellings;
  }

  /** The canonical name of an enum value in any of its spellings; the spelling itself if none. */
  static String enumName(String spelling, EnumDescriptor type) {
    EnumValueDescriptor value =
        ENUM_SPELLINGS.computeIfAbsent(type, ProtoJson::spellingsOf).get(spelling);
    return value == null ? spelling : value.getName();
  }

  /** The fields of a message type by JSON name and by proto name. */
  static Map<String, FieldDescriptor> fields(Descriptor type) {
    return FIELDS.computeIfAbsent(type, ProtoJson::fieldsOf);
  }
}
