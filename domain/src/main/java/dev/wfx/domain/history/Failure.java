package dev.wfx.domain.history;

import java.util.Objects;

/**
 * Value object: a Temporal failure as recorded: its message ({@code ""} when absent) and its nested
 * {@code cause} as JSON text ({@code {}} when none).
 */
public record Failure(String message, JsonText cause) {

  public Failure {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(cause, "cause");
  }

  public static Failure of(String message) {
    return new Failure(message, JsonText.EMPTY_OBJECT);
  }
}
