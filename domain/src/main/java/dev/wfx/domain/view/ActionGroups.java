package dev.wfx.domain.view;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.ActivityScheduled;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowInitiated;
import dev.wfx.domain.history.HistoryEvent.UpdateAccepted;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.history.TracecatTask;
import java.util.Locale;
import java.util.Optional;

/** Builds the group an originating event creates: Tracecat's shapes, else a generic one (§6.2). */
final class ActionGroups {

  /** Tracecat's workflow type; its internal activities are hidden and its children named. */
  static final String DSL_WORKFLOW = "DSLWorkflow";

  private static final String GENERIC_NAMESPACE = "temporal";

  private ActionGroups() {}

  /**
   * The group of a scheduled activity; empty when it is a Tracecat internal that the document
   * hides: in a DSLWorkflow run, an activity whose input is not a RunActionInput yet was decoded.
   * An absent input decodes to {@code null} (spec §6.3), a readable value that is no
   * RunActionInput, so it is hidden too; only an unreadable input gets a generic group, as Tracecat
   * shows it.
   */
  static Optional<EventGroup> ofActivity(ActivityScheduled scheduled, boolean dslWorkflow) {
    TracecatTask task = scheduled.task();
    if (task != null) {
      return Optional.of(tracecatAction(scheduled, task));
    }
    if (dslWorkflow && !(scheduled.input() instanceof Payload.Unreadable)) {
      return Optional.empty();
    }
    return Optional.of(
        generic(
            scheduled, scheduled.activityType(), scheduled.activityId(), scheduled.input(), null));
  }

  static EventGroup ofChild(ChildWorkflowInitiated initiated) {
    if (!DSL_WORKFLOW.equals(initiated.workflowType())) {
      return generic(
          initiated,
          initiated.workflowType(),
          initiated.workflowId(),
          initiated.input(),
          initiated.workflowId());
    }
    return new EventGroup(
        initiated.id(),
        "core.workflow",
        "execute",
        "core.workflow.execute",
        ExecutionId.tracecatWorkflowPart(initiated.workflowId()).orElse(null),
        null,
        initiated.dslTitle(),
        initiated.dslDescription(),
        initiated.input(),
        null,
        RetryPolicy.DEFAULT,
        0.0,
        JoinStrategy.ALL,
        initiated.workflowId());
  }

  /**
   * The group of an accepted update. Tracecat's interaction group has no action ref of its own: the
   * interaction input names an interaction, not an action.
   */
  static EventGroup ofUpdate(UpdateAccepted accepted) {
    if (accepted.interaction() == null) {
      return generic(
          accepted, accepted.updateName(), accepted.updateId(), accepted.argument(), null);
    }
    return new EventGroup(
        accepted.id(),
        "core.interact",
        "response",
        "core.interact.response",
        null,
        null,
        null,
        null,
        accepted.argument(),
        null,
        RetryPolicy.DEFAULT,
        0.0,
        JoinStrategy.ALL,
        null);
  }

  /** {@code call_api} → {@code Call api}: underscores as spaces, only the first letter raised. */
  static String title(String ref) {
    if (ref == null || ref.isEmpty()) {
      return ref;
    }
    String spaced = ref.replace('_', ' ');
    int firstLength = Character.charCount(spaced.codePointAt(0));
    return spaced.substring(0, firstLength).toUpperCase(Locale.ROOT)
        + spaced.substring(firstLength);
  }

  private static EventGroup tracecatAction(ActivityScheduled scheduled, TracecatTask task) {
    String key = task.action();
    int dot = key.lastIndexOf('.');
    return new EventGroup(
        scheduled.id(),
        dot < 0 ? "" : key.substring(0, dot),
        dot < 0 ? key : key.substring(dot + 1),
        key,
        null,
        task.ref(),
        title(task.ref()),
        task.description(),
        scheduled.input(),
        null,
        retryPolicy(task),
        task.startDelay() == null ? 0.0 : task.startDelay(),
        JoinStrategy.parse(task.joinStrategy()).orElse(JoinStrategy.ALL),
        null);
  }

  /**
   * Each field defaults on its own. A negative count or timeout means nothing to Tracecat and the
   * schema forbids it, so it takes the default as well.
   */
  private static RetryPolicy retryPolicy(TracecatTask task) {
    RetryPolicy defaults = RetryPolicy.DEFAULT;
    return new RetryPolicy(
        task.maxAttempts() == null || task.maxAttempts() < 0
            ? defaults.maxAttempts()
            : task.maxAttempts(),
        task.timeout() == null || task.timeout() < 0 ? defaults.timeout() : task.timeout(),
        task.retryUntil());
  }

  private static EventGroup generic(
      HistoryEvent origin, String name, String ref, Payload input, String relatedWorkflowId) {
    return new EventGroup(
        origin.id(),
        GENERIC_NAMESPACE,
        name,
        name,
        null,
        ref,
        null,
        null,
        input,
        null,
        RetryPolicy.DEFAULT,
        0.0,
        JoinStrategy.ALL,
        relatedWorkflowId);
  }
}
