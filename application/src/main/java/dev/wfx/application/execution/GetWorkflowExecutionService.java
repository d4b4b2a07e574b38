package dev.wfx.application.execution;

import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.view.ExecutionDocuments;
import java.util.Objects;

/** Reads the run within the caller's visible workspaces and renders its document. */
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
        .map(visibility -> result(executions.find(query.id(), query.run(), visibility)))
        .orElseGet(Result.NotFound::new);
  }

  private static Result result(Lookup<WorkflowExecution> lookup) {
    return switch (lookup) {
      case Lookup.Found<WorkflowExecution> found ->
          new Result.Found(ExecutionDocuments.render(found.value()), found.value().workspace());
      case Lookup.NotFound<WorkflowExecution> notFound -> new Result.NotFound();
      case Lookup.InSeveralWorkspaces<WorkflowExecution> several ->
          new Result.InSeveralWorkspaces(several.workspaces());
    };
  }
}
