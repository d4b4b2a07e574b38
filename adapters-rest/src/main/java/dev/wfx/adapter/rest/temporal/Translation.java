package dev.wfx.adapter.rest.temporal;

import dev.wfx.domain.history.HistoryEvent;
import java.util.List;
import java.util.Objects;

/** What became of a Temporal history body: typed events, or why it cannot be read. */
public sealed interface Translation {

  /** Every event read, in the order they came. */
  record Translated(List<HistoryEvent> events) implements Translation {
    public Translated {
      events = List.copyOf(events);
    }
  }

  /** The body is not a usable history; {@code detail} names the event id (or index) and field. */
  record Invalid(String detail) implements Translation {
    public Invalid {
      Objects.requireNonNull(detail, "detail");
    }
  }
}
