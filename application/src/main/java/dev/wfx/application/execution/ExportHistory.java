package dev.wfx.application.execution;

import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.history.EventOriginal;
import java.util.function.Consumer;

/**
 * Use case: give back a stored run's history as Temporal recorded it, event by event, in bounded
 * memory. The run is one {@link GetExecutionVersion} found for the caller, so that an export sees
 * exactly what a read of the document would.
 */
public interface ExportHistory {

  /**
   * Hands the originals of the run's events, up to its version as found, to {@code each} in id
   * order, a page at a time.
   *
   * @throws IllegalArgumentException when the run did not keep its originals (stored before wfx
   *     kept them), which the caller checks first with {@link StoredRun#originalsKept()}
   */
  void export(StoredRun run, Consumer<EventOriginal> each);
}
