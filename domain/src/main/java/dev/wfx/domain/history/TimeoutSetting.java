package dev.wfx.domain.history;

import java.util.Objects;

/**
 * Value object: a timeout as a Tracecat run input spells it: a number of seconds, a duration text
 * ({@code "PT5M"}, {@code "300s"}) or something else the service cannot read.
 */
public sealed interface TimeoutSetting {

  /** A JSON number of seconds. */
  record Seconds(double value) implements TimeoutSetting {}

  /** A JSON string; read as an ISO-8601 or protobuf duration when the document is rendered. */
  record Text(String value) implements TimeoutSetting {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A JSON value of another kind (boolean, object, array). */
  record Unreadable() implements TimeoutSetting {}
}
