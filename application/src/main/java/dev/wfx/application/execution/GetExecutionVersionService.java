package dev.wfx.application.execution;

import dev.wfx.application.execution.GetWorkflowExecution.Query;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.StoredRun;
import java.util.Objects;

/** Asks the store for the run's summary within the caller's visible workspaces: one cheap query. */
public final class GetExecutionVersionService implements GetExecutionVersion {

  private final Executions executions;

  public GetExecutionVersionService(Executions executions) {
    this.executions = Objects.requireNonNull(executions, "executions");
  }

  @Override
  public Result version(Query query) {
    return query
        .caller()
        .visibility(query.workspace())
        .map(visibility -> result(executions.version(query.id(), query.run(), visibility)))
        .orElseGet(Result.NotFound::new);
  }

  private static Result result(Lookup<StoredRun> lookup) {
    return switch (lookup) {
      case Lookup.Found<StoredRun> found -> new Result.Current(found.value());
      case Lookup.NotFound<StoredRun> notFound -> new Result.NotFound();
      case Lookup.InSeveralWorkspaces<StoredRun> several ->
          new Result.InSeveralWorkspaces(several.workspaces());
    };
  }
}
