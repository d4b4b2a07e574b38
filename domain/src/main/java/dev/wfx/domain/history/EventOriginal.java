package dev.wfx.domain.history;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Value object: one history event exactly as Temporal recorded it, opaque to the core. The typed
 * event is derived from it and can be derived again; the original is what an export gives back.
 *
 * @param format how the bytes are to be read
 * @param bytes the event in that format; never changed once built
 */
public record EventOriginal(Format format, byte[] bytes) {

  /** The encodings an original is kept in. */
  public enum Format {
    /** The bytes of Temporal's protobuf {@code HistoryEvent}: every event the protobuf knows. */
    TEMPORAL_PROTO,
    /**
     * The event's JSON in UTF-8, as recorded: an event with a field Temporal's protobuf does not
     * know (a newer Temporal's), which the protobuf would drop.
     */
    TEMPORAL_JSON
  }

  public EventOriginal {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(bytes, "bytes");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EventOriginal that
        && format == that.format
        && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * format.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    String head = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 16));
    return "EventOriginal[" + format + ", " + bytes.length + " bytes: " + head + "…]";
  }
}
