package dev.wfx.adapter.rest.temporal;

import dev.wfx.domain.history.EventId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * An object of one event with the path that leads to it, so every complaint names the event and
 * the field ({@code event 7: activityTaskScheduledEventAttributes.activityType.name is missing}).
 */
record Node(JsonTree.Obj obj, String event, String path) {

  private static final Pattern DIGITS = Pattern.compile("-?\\d{1,19}");
  private static final Pattern PROTO_DURATION = Pattern.compile("-?\\d{1,19}(\\.\\d{1,9})?s");

  String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  InvalidHistory problem(String name, String what) {
    return new InvalidHistory(event + ": " + pathOf(name) + " " + what);
  }

  /** A complaint that quotes the value sent, which its summary leaves out. */
  InvalidHistory problemQuoting(String name, String value, String what) {
    String field = event + ": " + pathOf(name);
    return new InvalidHistory(field + " '" + value + "' " + what, field + " " + what);
  }

  /** The member, or empty when absent or JSON null (proto3 JSON may write defaults either way). */
  Optional<JsonTree> member(String name) {
    JsonTree value = obj.get(name);
    return value == null || value instanceof JsonTree.Null ? Optional.empty() : Optional.of(value);
  }

  Node object(String name) {
    return optObject(name).orElseThrow(() -> problem(name, "is missing"));
  }

  Optional<Node> optObject(String name) {
    return member(name)
        .map(
            value -> {
              if (value instanceof JsonTree.Obj child) {
                return new Node(child, event, pathOf(name));
              }
              throw problem(name, "is not an object");
            });
  }

  /** A required string; proto3 JSON omits empty strings, so an empty one counts as missing. */
  String string(String name) {
    String value = optString(name);
    if (value == null || value.isEmpty()) {
      throw problem(name, "is missing");
    }
    return value;
  }

  /**
   * The string, or null when absent. A NUL character is refused: these strings become text
   * columns, which PostgreSQL cannot hold it in.
   */
  String optString(String name) {
    return member(name)
        .map(
            value -> {
              if (value instanceof JsonTree.Str str) {
                if (str.value().indexOf('\u0000') >= 0) {
                  throw problem(name, "contains a NUL character (\\u0000)");
                }
                return str.value();
              }
              throw problem(name, "is not a string");
            })
        .orElse(null);
  }

  /**
   * An int64, written as a number in any spelling of a whole one ({@code 7}, {@code 7.0}, {@code
   * 7e0}, as proto3 JSON parsers accept) or as a string of digits.
   */
  long optLong(String name, long absent) {
    Optional<JsonTree> value = member(name);
    if (value.isEmpty()) {
      return absent;
    }
    OptionalLong whole =
        switch (value.get()) {
          case JsonTree.Num num -> num.wholeNumber();
          case JsonTree.Str str when DIGITS.matcher(str.value()).matches() ->
              new JsonTree.Num(str.value(), true).wholeNumber();
          default -> throw problem(name, "is not an integer");
        };
    return whole.orElseThrow(() -> problem(name, "is not an integer within 64 bits"));
  }

  EventId eventId(String name) {
    EventId id = optEventId(name);
    if (id == null) {
      throw problem(name, "is missing");
    }
    return id;
  }

  /** An event id, or null when absent or 0 (proto3's unset). */
  EventId optEventId(String name) {
    long value = optLong(name, 0);
    if (value < 0) {
      throw problem(name, "is not a valid event id");
    }
    return value == 0 ? null : EventId.of(value);
  }

  /**
   * A protobuf duration ({@code "10s"}, {@code "0.5s"}) from zero to {@link TimeRange 100 years},
   * or null when absent.
   */
  Duration optDuration(String name) {
    String text = optString(name);
    if (text == null) {
      return null;
    }
    if (!PROTO_DURATION.matcher(text).matches()) {
      throw problem(name, "is not a duration like \"10s\" or \"0.5s\"");
    }
    BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
    if (seconds.signum() < 0) {
      throw problemQuoting(name, text, "is negative");
    }
    if (TimeRange.isLongerThanLongest(seconds)) {
      throw problemQuoting(
          name,
          text,
          "is longer than 100 years (" + TimeRange.LONGEST_DURATION_SECONDS + "s)");
    }
    BigDecimal wholeSeconds = seconds.setScale(0, RoundingMode.DOWN);
    return Duration.ofSeconds(
        wholeSeconds.longValueExact(), seconds.subtract(wholeSeconds).movePointRight(9).intValueExact());
  }
}
