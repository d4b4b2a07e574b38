package dev.wfx.application.execution;

import dev.wfx.application.execution.GetWorkflowExecution.Query;
import dev.wfx.domain.execution.Executions;
import java.util.Objects;
import java.util.OptionalLong;

/** Asks the store for the version within the caller's visible workspaces: one cheap query. */
public final class GetExecutionVersionService implements GetExecutionVersion {

  private final Executions executions;

  public GetExecutionVersionService(Executions executions) {
    this.executions = Objects.requireNonNull(executions, "executions");
  }

  @Override
  public Result version(Query query) {
    OptionalLong version =
        query
            .caller()
            .visibility(query.workspace())
            .map(visibility -> executions.version(query.id(), visibility))
            .orElseGet(OptionalLong::empty);
    return version.isPresent()
        ? new Result.Current(version.getAsLong())
        : new Result.NotFound();
  }
}
