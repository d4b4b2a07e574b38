package dev.wfx.domain.view;

import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.RunArgs;
import dev.wfx.domain.history.TimeoutSetting;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads the {@code workflow_timeout} of the started event, in seconds (spec §6.4). */
final class WorkflowTimeouts {

  /** Protobuf's JSON spelling of a duration: seconds with up to nine fraction digits and an s. */
  private static final Pattern PROTO_DURATION = Pattern.compile("-?\\d+(\\.\\d{1,9})?s");

  private static final double NANOS_PER_SECOND = 1e9;

  private WorkflowTimeouts() {}

  /**
   * A Tracecat run's own timeout ({@code runtime_config.timeout}, else the top-level {@code
   * timeout}, else {@code 0.0}); without run args, Temporal's execution timeout when set, else
   * null.
   */
  static Double of(WorkflowStarted started) {
    RunArgs runArgs = started.runArgs();
    if (runArgs != null) {
      TimeoutSetting setting =
          runArgs.runtimeTimeout() != null ? runArgs.runtimeTimeout() : runArgs.timeout();
      return setting == null ? 0.0 : seconds(setting);
    }
    Duration timeout = started.workflowExecutionTimeout();
    return timeout == null || timeout.isZero() ? null : seconds(timeout);
  }

  /**
   * Numbers, ISO-8601 durations and protobuf durations are read; anything else, and a duration
   * beyond what a double holds, is 0.0.
   */
  static double seconds(TimeoutSetting setting) {
    return switch (setting) {
      case TimeoutSetting.Seconds number -> number.value();
      case TimeoutSetting.Text text -> seconds(text.value());
      case TimeoutSetting.Unreadable unreadable -> 0.0;
    };
  }

  private static double seconds(String text) {
    String trimmed = text.strip();
    if (PROTO_DURATION.matcher(trimmed).matches()) {
      double seconds = new BigDecimal(trimmed.substring(0, trimmed.length() - 1)).doubleValue();
      // JSON has no infinity: the document would carry a string where the schema wants a number.
      return Double.isFinite(seconds) ? seconds : 0.0;
    }
    try {
      return seconds(Duration.parse(trimmed));
    } catch (DateTimeParseException | ArithmeticException notADuration) {
      return 0.0;
    }
  }

  private static double seconds(Duration duration) {
    return duration.getSeconds() + duration.getNano() / NANOS_PER_SECOND;
  }
}
