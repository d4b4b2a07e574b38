package dev.wfx.adapter.persistence;

import static dev.wfx.application.testing.AuditEntries.creating;
import static dev.wfx.domain.testing.Events.runningHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: it starts, keeps its data across a restart, and stops. */
class EmbeddedPostgresTest {

  private static final ExecutionId ID = ExecutionId.of("order-42");
  private static final WorkspaceId WS = WorkspaceId.of("ws-a");

  @Test
  void givenNoUrl_thenTheDefaultIsAnEmbeddedPostgresInDataPostgres() {
    DatabaseSettings settings = DatabaseSettings.embedded(DatabaseSettings.DEFAULT_EMBEDDED_DATA_DIR);

    assertTrue(settings.isEmbedded());
    assertEquals(Path.of("data", "postgres"), settings.embeddedDataDir());
  }

  @Test
  void givenAnEmbeddedPostgres_whenRestartedOnItsDataDirectory_thenItsDataIsStillThere(
      @TempDir Path work) {
    Path dataDir = work.resolve("postgres");
    WorkflowExecution execution = WorkflowExecution.restore(ID, WS, runningHistory(3));
    int port;
    try (PostgresPersistence first = PostgresPersistence.start(DatabaseSettings.embedded(dataDir))) {
      assertTrue(first.isHealthy());
      assertEquals(
          SaveOutcome.SAVED, first.executions().append(execution, 0, execution.history(), creating(execution)));
      port = first.embeddedPort();
    }
    assertFalse(accepts(port), "the embedded PostgreSQL stopped with the adapter");

    try (PostgresPersistence second =
        PostgresPersistence.start(DatabaseSettings.embedded(dataDir))) {
      assertEquals(
          runningHistory(3),
          dev.wfx.application.testing.Lookups.single(second.executions().find(ID, java.util.Optional.empty(), Visibility.everywhere())).orElseThrow().history());
    }
  }

  @Test
  void givenARunningEmbeddedPostgres_whenASecondAdapterStartsOnItsDirectory_thenItSharesTheServer(
      @TempDir Path work) {
    Path dataDir = work.resolve("postgres");
    WorkflowExecution execution = WorkflowExecution.restore(ID, WS, runningHistory(2));
    try (PostgresPersistence server = PostgresPersistence.start(DatabaseSettings.embedded(dataDir))) {
      try (PostgresPersistence tool = PostgresPersistence.start(DatabaseSettings.embedded(dataDir))) {
        assertEquals(server.embeddedPort(), tool.embeddedPort());
        assertEquals(SaveOutcome.SAVED, tool.executions().append(execution, 0, execution.history(), creating(execution)));
      }
      assertTrue(accepts(server.embeddedPort()), "closing the second adapter left the server up");
      assertEquals(
          runningHistory(2),
          dev.wfx.application.testing.Lookups.single(server.executions().find(ID, java.util.Optional.empty(), Visibility.everywhere())).orElseThrow().history());
    }
  }

  @Test
  void givenAStoppedAdapter_whenAskedForHealth_thenItIsNotHealthy(@TempDir Path work) {
    PostgresPersistence persistence =
        PostgresPersistence.start(DatabaseSettings.embedded(work.resolve("postgres")));
    persistence.close();

    assertFalse(persistence.isHealthy());
    assertThrows(
        RuntimeException.class,
        () -> persistence.executions().version(ID, java.util.Optional.empty(), Visibility.everywhere()));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
