package dev.wfx.adapter.rest.temporal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The times and durations a history may carry. Times lie in the years 0001 to 9999, which the
 * document spells with four digits and PostgreSQL's {@code timestamptz} holds; durations run from
 * zero to 100 years, which no backoff or timeout means to exceed and which keeps a time plus a
 * duration computable.
 */
final class TimeRange {

  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  /** How a complaint names the range of times. */
  static final String YEARS = "between 0001-01-01 and 9999-12-31 (UTC)";
  /** 100 years of 365.25 days. */
  static final long LONGEST_DURATION_SECONDS = 3_155_760_000L;

  private static final BigDecimal LONGEST_DURATION = BigDecimal.valueOf(LONGEST_DURATION_SECONDS);

  private TimeRange() {}

  static boolean holds(Instant time) {
    return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
  }

  static boolean isLongerThanLongest(BigDecimal seconds) {
    return seconds.compareTo(LONGEST_DURATION) > 0;
  }
}
