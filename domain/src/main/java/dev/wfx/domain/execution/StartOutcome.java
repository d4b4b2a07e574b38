package dev.wfx.domain.execution;

import java.util.Objects;

/** What {@link WorkflowExecution#start} made of the first batch of a history. */
public sealed interface StartOutcome {

  /** The batch opens a history: here is the new execution holding it. */
  record Started(WorkflowExecution execution) implements StartOutcome {
    public Started {
      Objects.requireNonNull(execution, "execution");
    }
  }

  /** The batch cannot open a history. */
  record Rejected(BatchRejection rejection) implements StartOutcome {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
