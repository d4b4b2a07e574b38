package dev.wfx.domain.execution;

import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventType;
import java.util.Objects;

/** Why a history batch was refused as a whole (spec §7); nothing of it is stored. */
public sealed interface BatchRejection {

  /** A human-readable sentence that names the event ids involved. */
  String reason();

  /** The batch holds no event. */
  record EmptyBatch() implements BatchRejection {
    @Override
    public String reason() {
      return "the batch holds no event";
    }
  }

  /** The batch skips ids: {@code eventId} came where {@code expected} was due. */
  record Gap(EventId eventId, EventId expected) implements BatchRejection {
    public Gap {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(expected, "expected");
    }

    @Override
    public String reason() {
      return "event " + eventId + " leaves a gap: the expected next event id is " + expected;
    }
  }

  /** A stored event was sent again with different content. */
  record Conflict(EventId eventId, EventId expected) implements BatchRejection {
    public Conflict {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(expected, "expected");
    }

    @Override
    public String reason() {
      return "event "
          + eventId
          + " differs from the event stored under that id; the expected next event id is "
          + expected;
    }
  }

  /** An event follows the event that closed the execution. */
  record AfterClose(EventId eventId, EventId closingEventId, EventId expected)
      implements BatchRejection {
    public AfterClose {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(closingEventId, "closingEventId");
      Objects.requireNonNull(expected, "expected");
    }

    @Override
    public String reason() {
      return "event "
          + eventId
          + " comes after event "
          + closingEventId
          + ", which closed the execution; no event may follow it (the expected next event id"
          + " would be "
          + expected
          + ")";
    }
  }

  /** A new history must open with WORKFLOW_EXECUTION_STARTED as event 1. */
  record NotStarted(EventId eventId, EventType type) implements BatchRejection {
    public NotStarted {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String reason() {
      return "event "
          + eventId
          + " is "
          + type
          + ", but a history must open with WORKFLOW_EXECUTION_STARTED as event 1";
    }
  }

  /** WORKFLOW_EXECUTION_STARTED anywhere but at event 1. */
  record MisplacedStart(EventId eventId) implements BatchRejection {
    public MisplacedStart {
      Objects.requireNonNull(eventId, "eventId");
    }

    @Override
    public String reason() {
      return "event " + eventId + " is WORKFLOW_EXECUTION_STARTED, which may only be event 1";
    }
  }
}
