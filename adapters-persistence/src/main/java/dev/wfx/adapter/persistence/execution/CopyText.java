package dev.wfx.adapter.persistence.execution;

import dev.wfx.domain.history.EventOriginal;
import java.time.Instant;
import java.util.HexFormat;

/** Writes {@code history_events} rows in the text format of PostgreSQL's COPY. */
final class CopyText {

  private static final String NULL = "\\N";
  private static final HexFormat HEX = HexFormat.of();

  private CopyText() {}

  /** Appends one row: tab-separated fields, ending in a newline, in COPY_EVENTS' column order. */
  static void appendRow(StringBuilder out, long runSeq, EventRow row) {
    out.append(runSeq).append('\t');
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
    field(out, row.attributes()).append('\t');
    if (row.original() == null) {
      out.append(NULL).append('\t').append(NULL);
    } else {
      // bytea's hex input, its backslash escaped for COPY.
      HEX.formatHex(out.append("\\\\x"), row.original().bytes());
      out.append('\t').append(format(row.original().format()));
    }
    out.append('\n');
  }

  /** The stored name of an original's format; {@code history_events} checks it. */
  static String format(EventOriginal.Format format) {
    return switch (format) {
      case TEMPORAL_PROTO -> "proto";
      case TEMPORAL_JSON -> "json";
    };
  }

  /** A text field with COPY's backslash escapes for the characters that delimit fields and rows. */
  static StringBuilder field(StringBuilder out, String value) {
    if (value == null) {
      return out.append(NULL);
    }
    // Runs without escapes are copied whole: payloads are kilobytes with rarely a byte to escape.
    int length = value.length();
    int run = 0;
    for (int i = 0; i < length; i++) {
      String escape =
          switch (value.charAt(i)) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> null;
          };
      if (escape != null) {
        out.append(value, run, i).append(escape);
        run = i + 1;
      }
    }
    return out.append(value, run, length);
  }
}
