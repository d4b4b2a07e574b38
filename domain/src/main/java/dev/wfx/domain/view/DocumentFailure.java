package dev.wfx.domain.view;

import dev.wfx.domain.history.JsonText;
import java.util.Objects;

/**
 * The failure of an event as served (spec §2.2, §6.6): {@code message} is already redacted; every
 * string under a {@code message} key inside {@code cause} must be passed through {@link
 * CredentialRedactor#redact(String)} by whoever encodes the cause, since the core does not parse
 * JSON.
 */
public record DocumentFailure(String message, JsonText cause) {

  public DocumentFailure {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(cause, "cause");
  }
}
