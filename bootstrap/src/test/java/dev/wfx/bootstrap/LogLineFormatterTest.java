package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {

  private final LogLineFormatter formatter = new LogLineFormatter();

  @Test
  void givenARecord_whenFormatted_thenOneLineWithLocalTimeLevelLoggerAndMessage() {
    Instant at =
        LocalDateTime.of(2026, 11, 28, 20, 23, 45, 220_000_000)
            .atZone(ZoneId.systemDefault())
            .toInstant();
    LogRecord record = new LogRecord(Level.INFO, "wfx serves on port {0}");
    record.setInstant(at);
    record.setLoggerName("dev.wfx.bootstrap.WfxServer");
    record.setParameters(new Object[] {"8080"});

    assertEquals(
        "2026-11-28T20:23:45.220 INFO dev.wfx.bootstrap.WfxServer: wfx serves on port 8080"
            + System.lineSeparator(),
        formatter.format(record));
  }

  @Test
  void givenAThrownException_whenFormatted_thenItsStackTraceFollowsTheLine() {
    LogRecord record = new LogRecord(Level.WARNING, "could not reach the database");
    record.setLoggerName("wfx");
    record.setThrown(new IllegalStateException("connection refused"));

    String formatted = formatter.format(record);

    assertTrue(
        formatted.contains(
            "WARNING wfx: could not reach the database"
                + System.lineSeparator()
                + "java.lang.IllegalStateException: connection refused"),
        formatted);
    assertTrue(formatted.contains("\tat dev.wfx.bootstrap.LogLineFormatterTest"), formatted);
  }
}
