package dev.wfx.domain.history;

import java.util.Objects;

/**
 * Value object: the {@code task} of a Tracecat RunActionInput (an activity input object with a
 * {@code task} object that has a string {@code action}), read at the edge (spec §6.2).
 *
 * <p>Every field but {@code action} is null when the task does not carry it with a usable type;
 * the defaults belong to the document rules, not here.
 */
public record TracecatTask(
    String action,
    String ref,
    String description,
    Long maxAttempts,
    Long timeout,
    String retryUntil,
    Double startDelay,
    String joinStrategy) {

  public TracecatTask {
    Objects.requireNonNull(action, "action");
  }

  public static TracecatTask of(String action, String ref) {
    return new TracecatTask(action, ref, null, null, null, null, null, null);
  }
}
