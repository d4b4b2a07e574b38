package dev.wfx.domain.history;

import java.util.Objects;

/**
 * Value object: an interaction input (an object with a string {@code interaction_id}, the keys
 * {@code execution_id} and {@code action_ref}, and an object {@code data}) carried by a signal or an
 * update: a human answered (spec §6.5).
 */
public record InteractionResponse(String interactionId, JsonText data) {

  public InteractionResponse {
    Objects.requireNonNull(interactionId, "interactionId");
    Objects.requireNonNull(data, "data");
  }
}
