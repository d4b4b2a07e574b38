package dev.wfx.adapter.rest.temporal;

import dev.wfx.domain.history.Payload;
import java.util.Objects;

/**
 * A payload as the domain holds it, plus its parsed JSON (null unless readable) for reading the
 * Tracecat facts out of it.
 */
record DecodedPayload(Payload payload, JsonTree json) {

  static final DecodedPayload ABSENT = new DecodedPayload(Payload.ABSENT, null);

  DecodedPayload {
    Objects.requireNonNull(payload, "payload");
  }
}
