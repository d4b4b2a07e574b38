package dev.wfx.adapter.persistence.execution;

import java.time.Instant;

/** Writes {@code history_events} rows in the text format of PostgreSQL's COPY. */
final class CopyText {

  private static final String NULL = "\\N";

  private CopyText() {}

  /** Appends one row: tab-separated fields, ending in a newline, in COPY_EVENTS' column order. */
  static void appendRow(StringBuilder out, String executionId, EventRow row) {
    field(out, executionId).append('\t');
    out.append(row.eventId()).append('\t');
    field(out, row.kind()).append('\t');
    field(out, row.eventType()).append('\t');
    // timestamptz keeps microseconds, and rounds what it is given: truncating here keeps the
    // second intact, and the full nanosecond goes into its own column.
    out.append(Instant.ofEpochSecond(row.timeSeconds(), row.timeNanos() / 1_000 * 1_000L))
        .append('\t');
    out.append(row.timeNanos()).append('\t');
    out.append(row.taskId()).append('\t');
    field(out, row.fingerprint()).append('\t');
    field(out, row.payload()).append('\t');
    field(out, row.payloadEncoding()).append('\t');
    if (row.payloadSize() == null) {
      out.append(NULL);
    } else {
      out.append(row.payloadSize().longValue());
    }
    out.append('\t');
    field(out, row.attributes()).append('\n');
  }

  /** A text field with COPY's backslash escapes for the characters that delimit fields and rows. */
  static StringBuilder field(StringBuilder out, String value) {
    if (value == null) {
      return out.append(NULL);
    }
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out;
  }
}
