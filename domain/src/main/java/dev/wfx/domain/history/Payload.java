package dev.wfx.domain.history;

import java.util.Objects;

/**
 * Value object: the first payload of a Temporal payload list, as the document shows it (spec §6.3).
 *
 * <p>Decoding (base64, encodings) happens at the edge; the core only distinguishes the outcomes.
 */
public sealed interface Payload {

  /** No payload, an empty list, empty data, or {@code binary/null}: shown as JSON {@code null}. */
  record Absent() implements Payload {}

  /** A {@code json/plain} payload holding valid JSON, passed through verbatim. */
  record Json(JsonText json) implements Payload {
    public Json {
      Objects.requireNonNull(json, "json");
    }
  }

  /** Anything the service cannot show: shown as an {@code unreadable_temporal_payload} object. */
  record Unreadable(String encoding, long sizeBytes) implements Payload {
    public Unreadable {
      Objects.requireNonNull(encoding, "encoding");
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("payload size must not be negative");
      }
    }
  }

  Payload ABSENT = new Absent();

  static Payload json(String text) {
    return new Json(JsonText.of(text));
  }

  default boolean isReadable() {
    return this instanceof Json;
  }
}
