package dev.wfx.domain.execution;

/** What the store made of an append: saved, or another writer got there first. */
public sealed interface SaveOutcome {

  /** The new events and the new version are stored. */
  record Saved() implements SaveOutcome {}

  /** The stored version is no longer the expected one; nothing was stored. */
  record VersionConflict() implements SaveOutcome {}

  SaveOutcome SAVED = new Saved();
  SaveOutcome VERSION_CONFLICT = new VersionConflict();
}
