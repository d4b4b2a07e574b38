package dev.wfx.adapter.persistence.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.testing.Lookups;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A database that an older wfx (migrations up to V13) wrote, migrated to the latest version: every
 * stored execution reads back under its canonical id, as a run without originals, and nothing is
 * lost where two spellings held the same run.
 */
class RunsKeyedByWorkspaceMigrationTest {

  private static final String B62 = "AbCdEfGhIjKlMnOpQrStUv";
  private static final String COLON = "wf_" + B62 + ":exec_" + B62;
  private static final String SLASH = "wf_" + B62 + "/exec_" + B62;
  private static final String OTHER = "ZyXwVuTsRqPoNmLkJiHgFe";
  private static final String COLON_B = "wf_" + OTHER + ":exec_" + OTHER;
  private static final String SLASH_B = "wf_" + OTHER + "/exec_" + OTHER;
  private static final String HEX = "0123456789abcdef0123456789abcdef";
  private static final String LEGACY_SLASH = "wf-" + HEX + "/exec-abc";
  private static final String LEGACY = "wf-" + HEX + ":exec-abc";
  private static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  private static final WorkspaceId WS_B = WorkspaceId.of("ws-b");

  @Test
  void givenAV13DatabaseWithData_whenMigratedToTheLatest_thenEveryExecutionReadsBackUnderItsCanonicalId() {
    List<String> warnings = new ArrayList<>();
    Logger logger = Logger.getLogger(V16__RunsKeyedByWorkspace.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    try (TestDatabase database =
        TestDatabase.startFrom("13", RunsKeyedByWorkspaceMigrationTest::writeAsWfxDidAtV13)) {
      Executions executions = database.persistence().executions();

      WorkflowExecution moved = found(executions, SLASH, Visibility.within(WS_A));
      assertEquals(ExecutionId.of(SLASH), moved.id());
      assertEquals(RunId.of("run-a"), moved.runId());
      assertEquals(3, moved.history().size());
      assertEquals("default-queue", moved.taskQueue());
      assertEquals(
          new StoredRun(ExecutionId.of(SLASH), WS_A, RunId.of("run-a"), 3, false),
          Lookups.single(executions.version(ExecutionId.of(SLASH), Optional.empty(), Visibility.within(WS_A)))
              .orElseThrow());
      assertEquals(
          2, found(executions, LEGACY, Visibility.within(WS_A)).history().size());
      assertEquals(
          4, found(executions, "order-42", Visibility.within(WS_A)).history().size());

      // Both spellings held run-b in ws-b: the canonical one keeps it, the other is kept beside.
      assertEquals(
          5,
          Lookups.single(
                  executions.find(
                      ExecutionId.of(SLASH_B), Optional.of(RunId.of("run-b")), Visibility.within(WS_B)))
              .orElseThrow()
              .history()
              .size());
      RunId kept = RunId.of("run-b@" + COLON_B);
      Lookup<WorkflowExecution> other =
          executions.find(ExecutionId.of(SLASH_B), Optional.of(kept), Visibility.within(WS_B));
      assertEquals(2, Lookups.single(other).orElseThrow().history().size());
      assertTrue(
          warnings.stream()
              .anyMatch(
                  message ->
                      message.contains("held run run-b under both " + COLON_B + " and " + SLASH_B)
                          && message.contains("run_id=run-b@" + COLON_B)),
          "a warning names the run kept beside: " + warnings);

      // A moved run takes new batches under its canonical id, and still has no originals.
      WorkflowExecution tail =
          executions
              .findForAppend(ExecutionId.of(SLASH), WS_A, Optional.empty(), EventId.of(4))
              .orElseThrow();
      assertEquals(3, tail.historyLength());

      List<WriteAudit> trail =
          database.persistence().auditTrail().latest(Optional.of(ExecutionId.of(SLASH)), 10);
      assertEquals(1, trail.size());
      assertEquals(null, trail.getFirst().run());
    } finally {
      logger.removeHandler(capture);
    }
  }

  private static WorkflowExecution found(Executions executions, String id, Visibility visibility) {
    return Lookups.single(executions.find(ExecutionId.of(id), Optional.empty(), visibility))
        .orElseThrow(() -> new AssertionError(id + " is not found"));
  }

  /** Rows as V1..V13 held them, written the way wfx wrote them then. */
  private static void writeAsWfxDidAtV13(Connection connection) throws SQLException {
    execution(connection, COLON, WS_A, "run-a", 3);
    execution(connection, LEGACY_SLASH, WS_A, "run-l", 2);
    execution(connection, "order-42", WS_A, "run-o", 4);
    execution(connection, SLASH_B, WS_B, "run-b", 5);
    execution(connection, COLON_B, WS_B, "run-b", 2);
  }

  private static void execution(
      Connection connection, String id, WorkspaceId workspace, String runId, int length)
      throws SQLException {
    String storedId = id;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO executions (id, workspace_id, run_id, workflow_type, task_queue, status,"
                + " start_time, execution_time, close_time, history_length, parent_workflow_id)"
                + " VALUES (?, ?, ?, 'DSLWorkflow', 'default-queue', 'RUNNING',"
                + " '2024-05-01T10:00:01Z', '2024-05-01T10:00:01Z', NULL, ?, NULL)")) {
      insert.setString(1, storedId);
      insert.setString(2, workspace.value());
      insert.setString(3, runId);
      insert.setLong(4, length);
      insert.executeUpdate();
    }
    try (PreparedStatement event =
        connection.prepareStatement(
            "INSERT INTO history_events (execution_id, event_id, kind, event_type, event_time,"
                + " event_time_nanos, task_id, fingerprint, payload, payload_encoding,"
                + " payload_size, attributes) VALUES (?, ?, ?, ?, ?::timestamptz, 0, ?, ?, NULL,"
                + " NULL, NULL, ?::json)")) {
      for (int eventId = 1; eventId <= length; eventId++) {
        boolean started = eventId == 1;
        event.setString(1, storedId);
        event.setLong(2, eventId);
        event.setString(3, started ? "workflow_started" : "other");
        event.setString(4, started ? "WORKFLOW_EXECUTION_STARTED" : "WORKFLOW_TASK_SCHEDULED");
        event.setString(5, "2024-05-01T10:00:0" + eventId + "Z");
        event.setLong(6, 1_000 + eventId);
        event.setString(7, "fp-" + eventId);
        event.setString(
            8,
            started
                ? "{\"workflowType\":\"DSLWorkflow\",\"taskQueue\":\"default-queue\","
                    + "\"originalExecutionRunId\":\"" + runId + "\",\"firstExecutionRunId\":\""
                    + runId + "\",\"firstWorkflowTaskBackoff\":\"PT0S\"}"
                : "{\"taskQueue\":{\"name\":\"default-queue\"}}");
        event.addBatch();
      }
      event.executeBatch();
    }
    try (PreparedStatement audit =
        connection.prepareStatement(
            "INSERT INTO audit_writes (at, key_id, role_type, role_workspace, access_level,"
                + " service_id, execution_id, workspace_id, first_event_id, last_event_id,"
                + " batch_size, appended, duplicates, outcome) VALUES ('2024-05-01T10:01:00Z',"
                + " 'writer01', 'SERVICE', ?, 0, 'svc', ?, ?, 1, ?, ?, ?, 0, 'CREATED')")) {
      audit.setString(1, workspace.value());
      audit.setString(2, storedId);
      audit.setString(3, workspace.value());
      audit.setLong(4, length);
      audit.setInt(5, length);
      audit.setInt(6, length);
      audit.executeUpdate();
    }
  }
}
