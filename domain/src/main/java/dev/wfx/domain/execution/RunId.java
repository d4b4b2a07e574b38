package dev.wfx.domain.execution;

import java.util.Objects;
import java.util.Optional;

/**
 * Value object: the id of one run of a workflow execution. A Temporal workflow id holds several
 * runs (continue-as-new, cron, retries, resets); each run's history is stored under its run id.
 */
public record RunId(String value) {

  public static final int MAX_LENGTH = 255;

  public static final String ACCEPTED_FORM =
      "1 to " + MAX_LENGTH + " characters, not blank, without control characters";

  public RunId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException("a run id is " + ACCEPTED_FORM + ", was '" + value + "'");
    }
  }

  public static Optional<RunId> parse(String text) {
    return text != null && isValid(text) ? Optional.of(new RunId(text)) : Optional.empty();
  }

  public static RunId of(String value) {
    return new RunId(value);
  }

  /** Whether the text can be a run id: what a history names as one must be, to be stored. */
  public static boolean isValid(String text) {
    if (text.isBlank() || text.length() > MAX_LENGTH) {
      return false;
    }
    return text.chars().noneMatch(Character::isISOControl);
  }

  @Override
  public String toString() {
    return value;
  }
}
