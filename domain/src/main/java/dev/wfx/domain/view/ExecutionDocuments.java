package dev.wfx.domain.view;

import dev.wfx.domain.execution.WorkflowExecution;

/** Renders a workflow execution as the document of spec §2 (placeholder until the view lands). */
public final class ExecutionDocuments {

  private ExecutionDocuments() {}

  public static ExecutionDocument render(WorkflowExecution execution) {
    throw new UnsupportedOperationException("the document view is not written yet");
  }
}
