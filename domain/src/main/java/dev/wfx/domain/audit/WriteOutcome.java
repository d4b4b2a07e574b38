package dev.wfx.domain.audit;

/** What became of one attempt to record a history batch, as the audit trail keeps it. */
public enum WriteOutcome {
  /** The batch opened the execution. */
  CREATED,
  /** The batch continued the execution (possibly with duplicates only). */
  APPENDED,
  /** The batch conflicts with what is stored: a gap, a different event, events after close. */
  CONFLICT,
  /** The batch is wrong in itself: empty, or not starting where an execution starts. */
  INVALID,
  /** The caller may not record there. */
  FORBIDDEN,
  /** The execution lies in a workspace the caller cannot see. */
  NOT_FOUND,
  /** Other writers kept changing the execution; nothing was stored. */
  CONTENDED;

  /** Whether the batch is stored (its events appended or found already there). */
  public boolean accepted() {
    return this == CREATED || this == APPENDED;
  }
}
