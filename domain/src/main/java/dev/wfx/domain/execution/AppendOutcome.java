package dev.wfx.domain.execution;

import dev.wfx.domain.history.HistoryEvent;
import java.util.List;
import java.util.Objects;

/** What {@link WorkflowExecution#append(List)} made of a batch. */
public sealed interface AppendOutcome {

  /**
   * The batch fits: {@code added} are the new events now in the history (possibly none), {@code
   * duplicates} the number of events that were already stored identically.
   */
  record Appended(List<HistoryEvent> added, int duplicates) implements AppendOutcome {
    public Appended {
      added = List.copyOf(added);
      if (duplicates < 0) {
        throw new IllegalArgumentException("duplicates must not be negative");
      }
    }
  }

  /** The batch was refused whole; the execution is unchanged. */
  record Rejected(BatchRejection rejection) implements AppendOutcome {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
