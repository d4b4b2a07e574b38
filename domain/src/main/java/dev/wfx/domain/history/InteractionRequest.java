package dev.wfx.domain.history;

import java.util.Objects;

/**
 * Value object: an activity input's {@code interaction_context} with a string {@code
 * interaction_id}: the activity waits for a human (spec §6.5).
 *
 * @param contextActionRef {@code interaction_context.action_ref} when a string, else null
 * @param taskRef {@code task.ref} when a string, else null
 * @param taskInteractionType {@code task.interaction.type} when a string, else null
 */
public record InteractionRequest(
    String interactionId, String contextActionRef, String taskRef, String taskInteractionType) {

  public InteractionRequest {
    Objects.requireNonNull(interactionId, "interactionId");
  }
}
