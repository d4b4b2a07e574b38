package dev.wfx.domain.execution;

/**
 * What became of one attempt to record a history batch, as the audit trail keeps it: judged by the
 * recording rules, or refused before, as a body that could not be taken for a batch.
 */
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
  /**
   * The execution lay in a workspace the caller cannot see: entries made before executions were
   * kept apart by workspace. A write now goes to a workspace the caller may use, or is forbidden.
   */
  NOT_FOUND,
  /** Other writers kept changing the execution; nothing was stored. */
  CONTENDED,
  /** The body was over the size limit; it was not read to its end. */
  TOO_LARGE,
  /** The body was declared as something other than JSON. */
  UNSUPPORTED_MEDIA_TYPE,
  /** The body could not be read to its end: the client stopped sending it, or went away. */
  UNREADABLE,
  /** The body is not a Temporal history: malformed JSON, or a field missing or wrong. */
  MALFORMED,
  /** The request ran past its deadline before the batch could be stored. */
  TIMED_OUT,
  /** As many writes of the key, or of the whole service, were in flight as allowed. */
  THROTTLED,
  /**
   * The service failed while reading, judging or storing the batch (answered 500, its cause
   * logged); a batch whose storing failed was rolled back.
   */
  FAILED;

  /** Whether the batch is stored (its events appended or found already there). */
  public boolean accepted() {
    return this == CREATED || this == APPENDED;
  }
}
