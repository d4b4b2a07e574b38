package dev.wfx.application.execution;

import static dev.wfx.application.testing.AuditEntries.creating;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfx.application.testing.InMemoryAuditTrail;
import dev.wfx.application.testing.InMemoryExecutions;
import dev.wfx.application.testing.Lookups;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.testing.Events;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportHistoryServiceTest {

  private static final ExecutionId ID = ExecutionId.of("order-42");
  private static final WorkspaceId WS = WorkspaceId.of("ws-a");

  private final InMemoryExecutions executions = new InMemoryExecutions(new InMemoryAuditTrail());

  private StoredRun store(List<HistoryEvent> history) {
    WorkflowExecution execution = WorkflowExecution.restore(ID, WS, history);
    executions.append(execution, 0, history, creating(execution));
    return Lookups.single(executions.version(ID, Optional.empty(), Visibility.everywhere()))
        .orElseThrow();
  }

  @Test
  void givenARunWithOriginals_whenExportedInPagesSmallerThanIt_thenEveryOriginalComesOnceInOrder() {
    List<HistoryEvent> history =
        Events.runningHistory(12).stream().map(Events::withOriginal).toList();
    StoredRun run = store(history);
    List<EventOriginal> exported = new ArrayList<>();

    new ExportHistoryService(executions, 5).export(run, exported::add);

    assertEquals(history.stream().map(event -> event.header().original()).toList(), exported);
  }

  @Test
  void givenARunFoundAtAnEarlierVersion_whenExported_thenNothingPastThatVersionComes() {
    StoredRun run = store(Events.runningHistory(6).stream().map(Events::withOriginal).toList());
    List<EventOriginal> exported = new ArrayList<>();

    new ExportHistoryService(executions, 4)
        .export(new StoredRun(ID, WS, run.run(), 3, true), exported::add);

    assertEquals(3, exported.size());
  }

  @Test
  void givenARunWithoutOriginals_whenExported_thenItIsRefused() {
    StoredRun run = store(Events.runningHistory(3));

    assertThrows(
        IllegalArgumentException.class, () -> new ExportHistoryService(executions).export(run, o -> {}));
  }
}
