package dev.wfx.application.testing;

import dev.wfx.domain.execution.Executions;

/** Runs the {@link Executions} contract against the in-memory fake. */
class InMemoryExecutionsTest extends ExecutionsContract {

  @Override
  protected Executions emptyExecutions() {
    return new InMemoryExecutions();
  }
}
