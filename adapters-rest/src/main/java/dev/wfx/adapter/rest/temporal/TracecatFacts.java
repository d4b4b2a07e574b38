package dev.wfx.adapter.rest.temporal;

import dev.wfx.domain.history.InteractionRequest;
import dev.wfx.domain.history.InteractionResponse;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.RunArgs;
import dev.wfx.domain.history.TimeoutSetting;
import dev.wfx.domain.history.TracecatTask;
import java.util.OptionalLong;

/**
 * Reads what the document needs from Tracecat's decoded inputs (spec §6.2, §6.4, §6.5); a value of
 * an unexpected JSON type counts as absent, since payloads are never a reason to refuse a history.
 */
final class TracecatFacts {

  private TracecatFacts() {}

  /** The {@code task} of a RunActionInput: an object input with a {@code task} object with a string {@code action}. */
  static TracecatTask task(JsonTree input) {
    JsonTree.Obj task = object(member(input, "task"));
    String action = string(member(task, "action"));
    if (action == null) {
      return null;
    }
    JsonTree.Obj retryPolicy = object(member(task, "retry_policy"));
    return new TracecatTask(
        action,
        string(member(task, "ref")),
        string(member(task, "description")),
        count(member(retryPolicy, "max_attempts")),
        count(member(retryPolicy, "timeout")),
        string(member(retryPolicy, "retry_until")),
        number(member(task, "start_delay")),
        string(member(task, "join_strategy")));
  }

  /** An input's {@code interaction_context} with a string {@code interaction_id}. */
  static InteractionRequest interactionRequest(JsonTree input) {
    JsonTree.Obj context = object(member(input, "interaction_context"));
    String interactionId = string(member(context, "interaction_id"));
    if (interactionId == null) {
      return null;
    }
    JsonTree.Obj task = object(member(input, "task"));
    return new InteractionRequest(
        interactionId,
        string(member(context, "action_ref")),
        string(member(task, "ref")),
        string(member(object(member(task, "interaction")), "type")));
  }

  /**
   * An interaction input: an object with a string {@code interaction_id}, the keys {@code
   * execution_id} and {@code action_ref}, and an object {@code data}.
   */
  static InteractionResponse interactionResponse(JsonTree input) {
    JsonTree.Obj response = object(input);
    if (response == null
        || !response.members().containsKey("execution_id")
        || !response.members().containsKey("action_ref")) {
      return null;
    }
    String interactionId = string(member(response, "interaction_id"));
    JsonTree.Obj data = object(member(response, "data"));
    return interactionId == null || data == null
        ? null
        : new InteractionResponse(interactionId, JsonText.of(data.toJson()));
  }

  /** A DSLRunArgs: an object input whose {@code role} is an object. */
  static RunArgs runArgs(JsonTree input) {
    JsonTree.Obj role = object(member(input, "role"));
    if (role == null) {
      return null;
    }
    return new RunArgs(
        JsonText.of(role.toJson()),
        timeout(member(object(member(input, "runtime_config")), "timeout")),
        timeout(member(input, "timeout")));
  }

  /** The input's {@code dsl.title} or {@code dsl.description} when a string. */
  static String dslText(JsonTree input, String name) {
    return string(member(object(member(input, "dsl")), name));
  }

  private static TimeoutSetting timeout(JsonTree value) {
    return switch (value) {
      case null -> null;
      case JsonTree.Null ignored -> null;
      case JsonTree.Num num -> {
        Double seconds = number(num);
        yield seconds == null ? new TimeoutSetting.Unreadable() : new TimeoutSetting.Seconds(seconds);
      }
      case JsonTree.Str str -> new TimeoutSetting.Text(str.value());
      default -> new TimeoutSetting.Unreadable();
    };
  }

  private static JsonTree member(JsonTree value, String name) {
    return value instanceof JsonTree.Obj obj ? obj.get(name) : null;
  }

  private static JsonTree.Obj object(JsonTree value) {
    return value instanceof JsonTree.Obj obj ? obj : null;
  }

  private static String string(JsonTree value) {
    return value instanceof JsonTree.Str str ? str.value() : null;
  }

  /**
   * A non-negative whole number in any JSON spelling ({@code 45}, {@code 45.0}, {@code 4.5e1});
   * fractions, negatives, strings and the rest count as absent.
   */
  private static Long count(JsonTree value) {
    if (value instanceof JsonTree.Num num) {
      OptionalLong whole = num.wholeNumber();
      if (whole.isPresent() && whole.getAsLong() >= 0) {
        return whole.getAsLong();
      }
    }
    return null;
  }

  /** Any finite JSON number. */
  private static Double number(JsonTree value) {
    if (value instanceof JsonTree.Num num) {
      double parsed = Double.parseDouble(num.text());
      return Double.isFinite(parsed) ? parsed : null;
    }
    return null;
  }
}
