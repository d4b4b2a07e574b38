package dev.wfx.domain.history;

import java.util.Objects;

/**
 * Value object: a JSON document held as the exact text it was recorded with.
 *
 * <p>The edge validates the text once; the core never parses it, so payloads reach clients
 * byte-for-byte (key order and number spelling included).
 */
public record JsonText(String text) {

  public static final JsonText EMPTY_OBJECT = new JsonText("{}");

  public JsonText {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("JSON text must not be blank");
    }
  }

  public static JsonText of(String text) {
    return new JsonText(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
