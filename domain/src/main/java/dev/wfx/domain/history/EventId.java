package dev.wfx.domain.history;

/** Value object: a Temporal event id, 1-based and contiguous within one history. */
public record EventId(long value) implements Comparable<EventId> {

  public static final EventId FIRST = new EventId(1);

  public EventId {
    if (value < 1) {
      throw new IllegalArgumentException("event id must be at least 1, was " + value);
    }
  }

  public static EventId of(long value) {
    return new EventId(value);
  }

  public EventId next() {
    return new EventId(value + 1);
  }

  @Override
  public int compareTo(EventId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
