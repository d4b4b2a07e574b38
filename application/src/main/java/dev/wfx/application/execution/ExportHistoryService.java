package dev.wfx.application.execution;

import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventOriginal;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Reads the run's originals from the store page by page: no export holds more than a page. */
public final class ExportHistoryService implements ExportHistory {

  /** Originals per page: a few hundred kilobytes of a typical history. */
  static final int PAGE = 500;

  private final Executions executions;
  private final int page;

  public ExportHistoryService(Executions executions) {
    this(executions, PAGE);
  }

  ExportHistoryService(Executions executions, int page) {
    this.executions = Objects.requireNonNull(executions, "executions");
    if (page < 1) {
      throw new IllegalArgumentException("a page holds at least one original");
    }
    this.page = page;
  }

  @Override
  public void export(StoredRun run, Consumer<EventOriginal> each) {
    if (!run.originalsKept()) {
      throw new IllegalArgumentException(
          "run " + run.run() + " of execution " + run.id() + " was stored without originals");
    }
    long next = 1;
    while (next <= run.version()) {
      List<EventOriginal> originals = executions.originals(run, EventId.of(next), page);
      if (originals.isEmpty()) {
        throw new IllegalStateException(
            "run " + run.run() + " of execution " + run.id() + " has no event " + next);
      }
      originals.forEach(each);
      next += originals.size();
    }
  }
}
