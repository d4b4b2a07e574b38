package dev.wfx.domain.view;

import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.ActivityClosed;
import dev.wfx.domain.history.HistoryEvent.ActivityScheduled;
import dev.wfx.domain.history.HistoryEvent.ActivityStarted;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowEvent;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowInitiated;
import dev.wfx.domain.history.HistoryEvent.UpdateAccepted;
import dev.wfx.domain.history.HistoryEvent.UpdateCompleted;
import dev.wfx.domain.history.HistoryEvent.UpdateRejected;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Links each event to the group its originating event created (spec §6.2), fed the history in
 * order; every lookup is one hash probe, so a pass over a long history stays linear.
 */
final class GroupLinker {

  /**
   * Where an event belongs: shown with its group (null when it belongs to none), or hidden with a
   * hidden activity.
   */
  record Link(boolean shown, EventGroup group) {

    static final Link HIDDEN = new Link(false, null);
    static final Link NO_GROUP = new Link(true, null);

    static Link to(EventGroup group) {
      return group == null ? NO_GROUP : new Link(true, group);
    }
  }

  /** A shown activity: its group as created, and as its later events see it. */
  private static final class Activity {
    private final EventGroup created;
    private EventGroup current;

    Activity(EventGroup created) {
      this.created = created;
      this.current = created;
    }

    /** A missing attempt arrives as 0 from the edge, as spec §6.2 counts it. */
    void started(long attempt) {
      current = created.withCurrentAttempt(attempt);
    }
  }

  /** An accepted update and its group. */
  record AcceptedUpdate(UpdateAccepted event, EventGroup group) {}

  private final boolean dslWorkflow;
  private final Map<EventId, Activity> activities = new HashMap<>();
  private final Set<EventId> hiddenActivities = new HashSet<>();
  private final Map<EventId, EventGroup> children = new HashMap<>();
  private final Map<EventId, AcceptedUpdate> updatesByEvent = new HashMap<>();
  private final Map<String, AcceptedUpdate> updatesById = new HashMap<>();

  GroupLinker(String workflowType) {
    this.dslWorkflow = ActionGroups.DSL_WORKFLOW.equals(workflowType);
  }

  /** Registers an originating event, or finds the group of a follow-up; call in history order. */
  Link link(HistoryEvent event) {
    return switch (event) {
      case ActivityScheduled scheduled -> schedule(scheduled);
      case ActivityStarted started -> start(started);
      case ActivityClosed closed -> followActivity(closed.scheduledEventId());
      case ChildWorkflowInitiated initiated -> {
        EventGroup group = ActionGroups.ofChild(initiated);
        children.put(initiated.id(), group);
        yield Link.to(group);
      }
      case ChildWorkflowEvent child -> Link.to(children.get(child.initiatedEventId()));
      case UpdateAccepted accepted -> {
        AcceptedUpdate update = new AcceptedUpdate(accepted, ActionGroups.ofUpdate(accepted));
        updatesByEvent.put(accepted.id(), update);
        updatesById.put(accepted.updateId(), update);
        yield Link.to(update.group());
      }
      case UpdateCompleted completed ->
          Link.to(acceptedFor(completed).map(AcceptedUpdate::group).orElse(null));
      case UpdateRejected rejected ->
          Link.to(
              Optional.ofNullable(updatesById.get(rejected.updateId()))
                  .map(AcceptedUpdate::group)
                  .orElse(null));
      default -> Link.NO_GROUP;
    };
  }

  /**
   * The accepted update a completion belongs to: through {@code acceptedEventId}, else (when it is
   * absent or names no accepted update) through the update id.
   */
  Optional<AcceptedUpdate> acceptedFor(UpdateCompleted completed) {
    AcceptedUpdate byEvent =
        completed.acceptedEventId() == null
            ? null
            : updatesByEvent.get(completed.acceptedEventId());
    return Optional.ofNullable(byEvent != null ? byEvent : updatesById.get(completed.updateId()));
  }

  private Link schedule(ActivityScheduled scheduled) {
    Optional<EventGroup> group = ActionGroups.ofActivity(scheduled, dslWorkflow);
    if (group.isEmpty()) {
      hiddenActivities.add(scheduled.id());
      return Link.HIDDEN;
    }
    activities.put(scheduled.id(), new Activity(group.get()));
    return Link.to(group.get());
  }

  private Link start(ActivityStarted started) {
    Activity activity = activities.get(started.scheduledEventId());
    if (activity != null) {
      activity.started(started.attempt());
    }
    return followActivity(started.scheduledEventId());
  }

  private Link followActivity(EventId scheduledEventId) {
    if (hiddenActivities.contains(scheduledEventId)) {
      return Link.HIDDEN;
    }
    Activity activity = activities.get(scheduledEventId);
    return Link.to(activity == null ? null : activity.current);
  }
}
