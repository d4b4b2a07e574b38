package dev.wfx.bootstrap;

import dev.wfx.application.audit.ThrottledAuditTrail;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the audit trail in bounds while the service runs: files the summaries of refusals left
 * unrecorded every minute, and forgets entries older than the retention period every hour.
 */
final class AuditHousekeeping implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(AuditHousekeeping.class.getName());

  /**
   * @param retention how long entries are kept; zero keeps them forever
   * @param refusalsPerMinute how many refused writes of one key a minute are recorded one by one
   */
  record Settings(Duration retention, int refusalsPerMinute) {
    static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    static final int DEFAULT_REFUSALS_PER_MINUTE = 60;

    Settings {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException("wfx.audit.retention must not be negative, was " + retention);
      }
      if (refusalsPerMinute < 1) {
        throw new IllegalArgumentException(
            "wfx.audit.refusals-per-minute must be at least 1, was " + refusalsPerMinute);
      }
    }
  }

  private final ScheduledExecutorService timer;

  private AuditHousekeeping(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static AuditHousekeeping start(ThrottledAuditTrail trail, Duration retention, Clock clock) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("wfx-audit-housekeeping").daemon().factory());
    timer.scheduleWithFixedDelay(
        () -> quietly("file the audit summaries", trail::fileSummaries), 1, 1, TimeUnit.MINUTES);
    if (!retention.isZero()) {
      timer.scheduleWithFixedDelay(
          () ->
              quietly(
                  "forget audit entries older than " + retention,
                  () -> {
                    long forgotten = trail.forgetBefore(clock.instant().minus(retention));
                    if (forgotten > 0) {
                      LOG.log(Level.INFO, "forgot " + forgotten + " audit entries older than " + retention);
                    }
                  }),
          1,
          60,
          TimeUnit.MINUTES);
    }
    return new AuditHousekeeping(timer);
  }

  /** A failed round (the database down, say) is logged and tried again at the next. */
  private static void quietly(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not " + what + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
