package dev.wfx.adapter.rest.temporal;

import dev.wfx.domain.history.HistoryEvent;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/** What became of a Temporal history body: typed events, or why it cannot be taken for a batch. */
public sealed interface Translation {

  /** Every event read, in the order they came. */
  record Translated(List<HistoryEvent> events) implements Translation {
    public Translated {
      events = List.copyOf(events);
    }
  }

  /**
   * The body is not a usable history; {@code detail} names the event id (or index) and field, and
   * may quote the offending value, which {@code summary}, the same complaint, leaves out.
   */
  record Invalid(String detail, String summary) implements Translation {
    public Invalid {
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(summary, "summary");
    }

    /** A complaint that quotes nothing of the body. */
    public Invalid(String detail) {
      this(detail, detail);
    }
  }

  /**
   * The body holds more events than one batch may; reading stopped at the first one over {@code
   * limit}.
   */
  record TooManyEvents(int limit) implements Translation {}

  /**
   * The body could not be read to its end: the client stopped sending it, or went away; {@code
   * reason} says which.
   */
  record Unreadable(String reason) implements Translation {
    public Unreadable {
      Objects.requireNonNull(reason, "reason");
    }

    /** The body whose read failed so. */
    public static Unreadable because(IOException failure) {
      return new Unreadable(
          Objects.requireNonNullElse(failure.getMessage(), "the connection failed"));
    }
  }
}
