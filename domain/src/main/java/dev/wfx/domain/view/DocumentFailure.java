package dev.wfx.domain.view;

import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.redaction.CauseRedactor;
import java.util.Objects;

/**
 * The failure of an event as served (spec §2.2, §6.6): {@code message} is already redacted; every
 * string anywhere inside {@code cause} must be passed through a {@link CauseRedactor} by whoever
 * encodes the cause, since the core does not parse JSON.
 */
public record DocumentFailure(String message, JsonText cause) {

  public DocumentFailure {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(cause, "cause");
  }
}
