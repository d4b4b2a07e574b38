package dev.wfx.domain.execution;

import dev.wfx.domain.access.Caller;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the audit trail: a caller's attempt to record a batch of an execution's history.
 *
 * @param workspace the workspace the batch was stored in; for a refused batch, the one the caller
 *     named, else its own
 * @param firstEventId the batch's first event id; null for an empty batch
 * @param lastEventId the batch's last event id; null for an empty batch
 * @param detail why the batch was refused, cut to {@link #MAX_DETAIL_LENGTH} characters; null when
 *     it was accepted
 * @param run the run the batch was filed under or judged against; null when none was chosen (a
 *     batch refused before, or an entry made before wfx kept runs apart)
 */
public record WriteAudit(
    Instant at,
    Caller caller,
    ExecutionId executionId,
    WorkspaceId workspace,
    EventId firstEventId,
    EventId lastEventId,
    int batchSize,
    int appended,
    int duplicates,
    WriteOutcome outcome,
    String detail,
    RunId run) {

  /**
   * The most characters of a reason an entry keeps: a refusal's reason may quote what the caller
   * sent (a media type, say), and a caller must not be able to grow the trail by sending more.
   */
  public static final int MAX_DETAIL_LENGTH = 300;

  private static final String CUT = "…";

  public WriteAudit {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(outcome, "outcome");
    if ((firstEventId == null) != (lastEventId == null) || (firstEventId == null) != (batchSize == 0)) {
      throw new IllegalArgumentException("a batch has both a first and a last event id, or is empty");
    }
    if (batchSize < 0 || appended < 0 || duplicates < 0 || appended + duplicates > batchSize) {
      throw new IllegalArgumentException(
          "appended and duplicates are counts within the batch of " + batchSize);
    }
    if (outcome.accepted() != (detail == null)) {
      throw new IllegalArgumentException("a refused batch says why, an accepted one does not");
    }
    detail = cut(detail);
  }

  /** An entry that names no run. */
  public WriteAudit(
      Instant at,
      Caller caller,
      ExecutionId executionId,
      WorkspaceId workspace,
      EventId firstEventId,
      EventId lastEventId,
      int batchSize,
      int appended,
      int duplicates,
      WriteOutcome outcome,
      String detail) {
    this(
        at,
        caller,
        executionId,
        workspace,
        firstEventId,
        lastEventId,
        batchSize,
        appended,
        duplicates,
        outcome,
        detail,
        null);
  }

  /** This entry, naming the run its batch was filed under or judged against. */
  public WriteAudit withRun(RunId run) {
    return new WriteAudit(
        at,
        caller,
        executionId,
        workspace,
        firstEventId,
        lastEventId,
        batchSize,
        appended,
        duplicates,
        outcome,
        detail,
        run);
  }

  private static String cut(String detail) {
    if (detail == null || detail.length() <= MAX_DETAIL_LENGTH) {
      return detail;
    }
    int end = MAX_DETAIL_LENGTH - CUT.length();
    if (Character.isHighSurrogate(detail.charAt(end - 1))) {
      end--;
    }
    return detail.substring(0, end) + CUT;
  }

  /**
   * The entry of a stored batch: {@code appended} of its events were new, {@code duplicates} were
   * stored already.
   */
  public static WriteAudit accepted(
      Instant at,
      Caller caller,
      ExecutionId executionId,
      WorkspaceId workspace,
      List<HistoryEvent> batch,
      boolean created,
      int appended,
      int duplicates) {
    return new WriteAudit(
        at,
        caller,
        executionId,
        workspace,
        first(batch),
        last(batch),
        batch.size(),
        appended,
        duplicates,
        created ? WriteOutcome.CREATED : WriteOutcome.APPENDED,
        null);
  }

  /**
   * The entry of a refused batch, of which nothing is stored.
   *
   * @param batch the batch's events; empty when there is none or it could not be read
   */
  public static WriteAudit refused(
      Instant at,
      Caller caller,
      ExecutionId executionId,
      WorkspaceId workspace,
      List<HistoryEvent> batch,
      WriteOutcome outcome,
      String detail) {
    return new WriteAudit(
        at,
        caller,
        executionId,
        workspace,
        first(batch),
        last(batch),
        batch.size(),
        0,
        0,
        outcome,
        detail);
  }

  private static EventId first(List<HistoryEvent> batch) {
    return batch.isEmpty() ? null : batch.getFirst().id();
  }

  private static EventId last(List<HistoryEvent> batch) {
    return batch.isEmpty() ? null : batch.getLast().id();
  }
}
