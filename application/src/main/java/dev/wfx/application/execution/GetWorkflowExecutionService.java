package dev.wfx.application.execution;

import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.view.ExecutionDocuments;
import java.util.Objects;

/** Reads the execution within the caller's visible workspaces and renders its document. */
public final class GetWorkflowExecutionService implements GetWorkflowExecution {

  private final Executions executions;

  public GetWorkflowExecutionService(Executions executions) {
    this.executions = Objects.requireNonNull(executions, "executions");
  }

  @Override
  public Result get(Query query) {
    return query
        .caller()
        .visibility(query.workspace())
        .flatMap(visibility -> executions.find(query.id(), visibility))
        .<Result>map(execution -> new Result.Found(ExecutionDocuments.render(execution), execution.workspace()))
        .orElseGet(Result.NotFound::new);
  }
}
