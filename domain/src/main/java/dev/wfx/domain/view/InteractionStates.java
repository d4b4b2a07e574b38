package dev.wfx.domain.view;

import dev.wfx.domain.history.InteractionRequest;
import dev.wfx.domain.history.InteractionResponse;
import dev.wfx.domain.history.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Tracks the human interactions of an execution, fed the history in order (spec §6.5). */
final class InteractionStates {

  private static final String DEFAULT_TYPE = "response";

  /** The interaction types the document's schema allows. */
  private static final Set<String> KNOWN_TYPES = Set.of("approval", DEFAULT_TYPE);

  /** Insertion order is the order interactions were first scheduled; a re-put keeps its place. */
  private final Map<String, InteractionState> states = new LinkedHashMap<>();

  /** An activity that waits for a human: its interaction is pending (again, if rescheduled). */
  void requested(InteractionRequest request) {
    states.put(
        request.interactionId(),
        new InteractionState(
            type(request.taskInteractionType()),
            actionRef(request),
            InteractionState.Status.PENDING,
            JsonText.EMPTY_OBJECT));
  }

  /** A human answered: a known interaction is completed with the answer; others are ignored. */
  void answered(InteractionResponse response) {
    states.computeIfPresent(
        response.interactionId(),
        (id, state) ->
            new InteractionState(
                state.type(),
                state.actionRef(),
                InteractionState.Status.COMPLETED,
                response.data()));
  }

  Map<String, InteractionState> states() {
    return states;
  }

  /**
   * The schema only allows "approval" and "response"; any other type is shown as the default,
   * "response", so that one odd input cannot make the whole document invalid.
   */
  private static String type(String taskType) {
    return taskType != null && KNOWN_TYPES.contains(taskType) ? taskType : DEFAULT_TYPE;
  }

  /** The schema needs a string: with neither the context's nor the task's ref, "" stands in. */
  private static String actionRef(InteractionRequest request) {
    if (request.contextActionRef() != null) {
      return request.contextActionRef();
    }
    return request.taskRef() != null ? request.taskRef() : "";
  }
}
