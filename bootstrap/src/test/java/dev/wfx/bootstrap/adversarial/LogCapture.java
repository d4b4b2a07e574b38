package dev.wfx.bootstrap.adversarial;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Test fixture: every JUL record the service writes while the suite runs (our own code at every
 * level, libraries at their configured ones), with messages, parameters and stack traces as text.
 */
final class LogCapture extends Handler {

  private final SimpleFormatter formatter = new SimpleFormatter();
  private final List<String> lines = new ArrayList<>();

  static LogCapture install() {
    LogCapture capture = new LogCapture();
    capture.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(capture);
    // Debug lines too: someone will switch them on in production one day.
    Logger.getLogger("dev.wfx").setLevel(Level.ALL);
    return capture;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    StringBuilder line = new StringBuilder();
    line.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ");
    line.append(formatter.formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append('\n').append(trace);
    }
    lines.add(line.toString());
  }

  /** The captured lines that contain the text. */
  synchronized List<String> linesContaining(String text) {
    return lines.stream().filter(line -> line.contains(text)).toList();
  }

  /** The captured lines at or above the level. */
  synchronized List<String> linesAtLeast(Level level) {
    return lines.stream()
        .filter(line -> Level.parse(line.substring(0, line.indexOf(' '))).intValue() >= level.intValue())
        .toList();
  }

  synchronized int size() {
    return lines.size();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
