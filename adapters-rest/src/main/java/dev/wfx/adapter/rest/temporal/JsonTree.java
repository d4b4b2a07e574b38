package dev.wfx.adapter.rest.temporal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A parsed JSON value that keeps what the history said: key order, and numbers as spelled.
 *
 * <p>JSON-P and Jackson's own trees turn numbers into {@code BigDecimal}s and so re-spell them
 * ({@code 1e3} becomes {@code 1E+3}); the stored history must stay as recorded, so this small tree
 * holds each number's text.
 */
sealed interface JsonTree {

  /** Strings may be as large as a whole request body (a payload's base64 data). */
  JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  /** A JSON object, keys in the order they came (a repeated key keeps its last value). */
  record Obj(Map<String, JsonTree> members) implements JsonTree {
    public Obj {
      members = Collections.unmodifiableMap(members);
    }

    JsonTree get(String name) {
      return members.get(name);
    }
  }

  /** A JSON array. */
  record Arr(List<JsonTree> items) implements JsonTree {
    public Arr {
      items = Collections.unmodifiableList(items);
    }
  }

  /** A JSON string. */
  record Str(String value) implements JsonTree {
    public Str {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A JSON number with its text as spelled; {@code integral} when written without fraction or exponent. */
  record Num(String text, boolean integral) implements JsonTree {
    public Num {
      Objects.requireNonNull(text, "text");
    }

    /**
     * The whole number this spells, however it is spelled ({@code 45}, {@code 45.0}, {@code
     * 4.5e1}, {@code 450e-1}): serialisers that hold every number as a double write {@code 45.0}.
     * Empty for a fraction and for a number beyond a long.
     */
    OptionalLong wholeNumber() {
      try {
        // longValueExact refuses a huge exponent by counting digits, never by expanding them.
        return OptionalLong.of(
            integral ? Long.parseLong(text) : new BigDecimal(text).longValueExact());
      } catch (NumberFormatException | ArithmeticException notAWholeLong) {
        return OptionalLong.empty();
      }
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements JsonTree {}

  /** JSON {@code null}. */
  record Null() implements JsonTree {}

  /** Reads the value at the parser's current token, leaving the parser on its last token. */
  static JsonTree read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new IOException("unexpected end of JSON");
    }
    return switch (token) {
      case START_OBJECT -> {
        Map<String, JsonTree> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          members.put(name, read(parser));
        }
        yield new Obj(members);
      }
      case START_ARRAY -> {
        List<JsonTree> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser));
        }
        yield new Arr(items);
      }
      case VALUE_STRING -> new Str(parser.getText());
      case VALUE_NUMBER_INT -> new Num(parser.getText(), true);
      case VALUE_NUMBER_FLOAT -> new Num(parser.getText(), false);
      case VALUE_TRUE -> new Bool(true);
      case VALUE_FALSE -> new Bool(false);
      case VALUE_NULL -> new Null();
      default -> throw new IOException("unexpected JSON token " + token);
    };
  }

  /** Parses a text holding exactly one JSON value. */
  static JsonTree parse(String text) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      parser.nextToken();
      JsonTree tree = read(parser);
      if (parser.nextToken() != null) {
        throw new IOException("more than one JSON value");
      }
      return tree;
    }
  }

  /** Writes the value, numbers with their original spelling. */
  default void write(JsonGenerator generator) throws IOException {
    switch (this) {
      case Obj obj -> {
        generator.writeStartObject();
        for (Map.Entry<String, JsonTree> member : obj.members().entrySet()) {
          generator.writeFieldName(member.getKey());
          member.getValue().write(generator);
        }
        generator.writeEndObject();
      }
      case Arr arr -> {
        generator.writeStartArray();
        for (JsonTree item : arr.items()) {
          item.write(generator);
        }
        generator.writeEndArray();
      }
      case Str str -> generator.writeString(str.value());
      case Num num -> generator.writeNumber(num.text());
      case Bool bool -> generator.writeBoolean(bool.value());
      case Null ignored -> generator.writeNull();
    }
  }

  /** The compact JSON text of the value. */
  default String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }
}
