package dev.wfx.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One log line: {@code 2026-11-28T20:23:45.220 INFO logger.name: message}, then the stack trace of
 * a thrown exception, if any.
 *
 * <p>The same line as {@code SimpleFormatter} with wfx's pattern, made without {@code
 * String.format}: the access log writes one line per request, and pattern formatting was most of
 * the cost of a cached read's logging (profiled under wrk, see BENCHMARKS.md).
 */
public final class LogLineFormatter extends Formatter {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(160);
    TIMESTAMP.formatTo(record.getInstant(), line);
    line.append(' ')
        .append(record.getLevel().getName())
        .append(' ')
        .append(record.getLoggerName())
        .append(": ")
        .append(formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      try (PrintWriter out = new PrintWriter(trace)) {
        out.println();
        record.getThrown().printStackTrace(out);
      }
      line.append(trace);
    }
    return line.append(System.lineSeparator()).toString();
  }
}
