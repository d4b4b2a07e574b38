package dev.wfx.application.audit;

import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WriteAudit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit trail with a bound on what one key's refused writes add to it: past {@code
 * refusalsPerMinute} refusals in a minute, the rest are counted, not recorded one by one, and the
 * count is filed as one summary entry once that minute is over. Accepted writes always pass.
 *
 * <p>A key that may not write can be refused hundreds of times a second; without the bound each
 * refusal would be a row.
 */
public final class ThrottledAuditTrail implements AuditTrail {

  static final Duration WINDOW = Duration.ofMinutes(1);

  private final AuditTrail trail;
  private final int refusalsPerMinute;
  private final Clock clock;
  private final Map<ApiKeyId, Minute> minutes = new HashMap<>();

  public ThrottledAuditTrail(AuditTrail trail, int refusalsPerMinute, Clock clock) {
    this.trail = Objects.requireNonNull(trail, "trail");
    if (refusalsPerMinute < 1) {
      throw new IllegalArgumentException("at least one refusal a minute is recorded");
    }
    this.refusalsPerMinute = refusalsPerMinute;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void record(WriteAudit entry) {
    if (entry.outcome().accepted()) {
      trail.record(entry);
      return;
    }
    Optional<WriteAudit> summary;
    boolean recorded;
    synchronized (this) {
      Instant now = clock.instant();
      ApiKeyId key = entry.caller().keyId();
      Minute minute = minutes.get(key);
      summary = Optional.empty();
      if (minute != null && minute.isOver(now)) {
        summary = minute.summary(refusalsPerMinute);
        minute = null;
      }
      if (minute == null) {
        minute = new Minute(now);
        minutes.put(key, minute);
      }
      recorded = minute.admit(entry, refusalsPerMinute);
    }
    summary.ifPresent(trail::record);
    if (recorded) {
      trail.record(entry);
    }
  }

  /**
   * Files the summary of every minute that is over and had refusals left unrecorded; run it about
   * once a minute, so a key that stops being refused still has its count filed.
   */
  public void fileSummaries() {
    List<WriteAudit> summaries = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (Iterator<Minute> open = minutes.values().iterator(); open.hasNext(); ) {
        Minute minute = open.next();
        if (minute.isOver(now)) {
          minute.summary(refusalsPerMinute).ifPresent(summaries::add);
          open.remove();
        }
      }
    }
    summaries.forEach(trail::record);
  }

  @Override
  public List<WriteAudit> latest(Optional<ExecutionId> execution, int limit) {
    return trail.latest(execution, limit);
  }

  @Override
  public long forgetBefore(Instant cutoff) {
    return trail.forgetBefore(cutoff);
  }

  /** One key's refusals in the minute from {@code start}. */
  private static final class Minute {
    private final Instant start;
    private int recorded;
    private int unrecorded;
    private WriteAudit firstUnrecorded;
    private WriteAudit lastUnrecorded;

    Minute(Instant start) {
      this.start = start;
    }

    boolean isOver(Instant now) {
      return !now.isBefore(start.plus(WINDOW));
    }

    boolean admit(WriteAudit entry, int refusalsPerMinute) {
      if (recorded < refusalsPerMinute) {
        recorded++;
        return true;
      }
      if (unrecorded == 0) {
        firstUnrecorded = entry;
      }
      unrecorded++;
      lastUnrecorded = entry;
      return false;
    }

    /** One entry for the refusals left unrecorded, in the last one's name; none if there were none. */
    Optional<WriteAudit> summary(int refusalsPerMinute) {
      if (unrecorded == 0) {
        return Optional.empty();
      }
      return Optional.of(
          WriteAudit.refused(
              lastUnrecorded.at(),
              lastUnrecorded.caller(),
              lastUnrecorded.executionId(),
              lastUnrecorded.workspace(),
              List.of(),
              lastUnrecorded.outcome(),
              unrecorded
                  + " more refused writes of this key from "
                  + firstUnrecorded.at()
                  + " to "
                  + lastUnrecorded.at()
                  + " are not recorded one by one (over "
                  + refusalsPerMinute
                  + " a minute); the last: "
                  + lastUnrecorded.detail()));
    }
  }
}
