package dev.wfx.adapter.persistence;

import static dev.wfx.application.testing.AuditEntries.creating;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.testing.Events;
import dev.wfx.domain.workspace.Visibility;
import dev.wfx.domain.workspace.WorkspaceId;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Measures a 10,000-event batch append and a 10,000-event load; prints figures, asserts nothing.
 * Its name keeps it out of the build's test run; run it with {@code -Dtest=AppendBenchmark}.
 */
class AppendBenchmark {

  private static final int EVENTS = 10_000;
  private static final int RUNS = 11;

  @Test
  void measure() throws SQLException, IOException {
    List<HistoryEvent> history = activityHistory();
    long bytes =
        history.stream()
            .mapToLong(
                e ->
                    switch (e) {
                      case HistoryEvent.ActivityScheduled s -> payloadLength(s.input());
                      case HistoryEvent.ActivityClosed c -> payloadLength(c.result());
                      default -> 0;
                    })
            .sum();
    try (TestDatabase database = TestDatabase.start()) {
      Executions executions = database.persistence().executions();
      WorkspaceId workspace = WorkspaceId.of("bench");
      double[] appendMillis = new double[RUNS];
      for (int run = -2; run < RUNS; run++) {
        ExecutionId id = ExecutionId.of("bench-" + (run + 2));
        WorkflowExecution execution = WorkflowExecution.restore(id, workspace, history);
        long start = System.nanoTime();
        SaveOutcome outcome = executions.append(execution, 0, history, creating(execution));
        long took = System.nanoTime() - start;
        if (!outcome.equals(SaveOutcome.SAVED)) {
          throw new IllegalStateException("benchmark append lost: " + outcome);
        }
        if (run >= 0) {
          appendMillis[run] = took / 1e6;
        }
      }
      double[] loadMillis = new double[RUNS];
      ExecutionId loaded = ExecutionId.of("bench-0");
      for (int run = -5; run < RUNS; run++) {
        long start = System.nanoTime();
        var found = executions.find(loaded, Optional.empty(), Visibility.everywhere());
        int size = ((Lookup.Found<WorkflowExecution>) found).value().history().size();
        long took = System.nanoTime() - start;
        if (size != EVENTS) {
          throw new IllegalStateException("loaded " + size + " events");
        }
        if (run >= 0) {
          loadMillis[run] = took / 1e6;
        }
      }
      double copy = median(rawCopyMillis(database, executions));
      double append = median(appendMillis);
      System.out.printf(
          "BENCHMARK append of one %d-event batch (%d payload bytes): median %.1f ms = %.0f"
              + " events/s; runs %s%n",
          EVENTS, bytes, append, EVENTS / (append / 1e3), Arrays.toString(appendMillis));
      System.out.printf(
          "BENCHMARK load of a %d-event execution: median %.1f ms; runs %s%n",
          EVENTS, median(loadMillis), Arrays.toString(loadMillis));
      System.out.printf(
          "BENCHMARK PostgreSQL's own COPY of the same rows: median %.1f ms = %.0f events/s;"
              + " append reaches %.2f of it%n",
          copy, EVENTS / (copy / 1e3), copy / append);
    }
  }

  /**
   * The same rows, as PostgreSQL itself writes them out, copied straight back in under other
   * execution ids: the floor an append cannot beat.
   */
  private static double[] rawCopyMillis(TestDatabase database, Executions executions)
      throws SQLException, IOException {
    double[] millis = new double[RUNS];
    try (Connection connection = database.persistence().dataSource().getConnection()) {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      StringWriter rows = new StringWriter();
      copy.copyOut(
          "COPY (SELECT h.* FROM history_events h JOIN runs r ON r.seq = h.run_seq"
              + " WHERE r.execution_id = 'bench-0' ORDER BY h.event_id) TO STDOUT",
          rows);
      for (int run = -2; run < RUNS; run++) {
        String id = "raw-" + (run + 2);
        long seq;
        try (Statement statement = connection.createStatement();
            var inserted =
                statement.executeQuery(
                    "INSERT INTO runs (workspace_id, execution_id, run_id, workflow_type,"
                        + " task_queue, status, start_time, execution_time, close_time,"
                        + " history_length, parent_workflow_id, originals_kept)"
                        + " SELECT workspace_id, '" + id + "', run_id, workflow_type, task_queue,"
                        + " status, start_time, execution_time, close_time, history_length,"
                        + " parent_workflow_id, originals_kept FROM runs"
                        + " WHERE execution_id = 'bench-0' RETURNING seq")) {
          inserted.next();
          seq = inserted.getLong(1);
        }
        String data = rows.toString().replaceAll("(?m)^\\d+\t", seq + "\t");
        long start = System.nanoTime();
        copy.copyIn("COPY history_events FROM STDIN", new StringReader(data));
        long took = System.nanoTime() - start;
        if (run >= 0) {
          millis[run] = took / 1e6;
        }
      }
    }
    return millis;
  }

  /** A started event, then scheduled/started/completed activities with JSON input and result. */
  private static List<HistoryEvent> activityHistory() {
    List<HistoryEvent> history = new ArrayList<>(EVENTS);
    history.add(Events.started());
    String input =
        "{\"task\":{\"action\":\"core.http_request\",\"ref\":\"call_%d\",\"args\":{\"url\":"
            + "\"https://api.example.com/items/%d\",\"method\":\"GET\",\"headers\":{\"Accept\":"
            + "\"application/json\"}}},\"exec_context\":{\"ACTIONS\":{},\"TRIGGER\":{\"id\":%d}}}";
    while (history.size() < EVENTS) {
      long id = history.size() + 1L;
      HistoryEvent next =
          switch (history.size() % 3) {
            case 1 -> Events.scheduled(id, "run_action_activity", Payload.json(input.formatted(id, id, id)));
            case 2 -> Events.activityStarted(id, id - 1, 1);
            default ->
                Events.activityCompleted(
                    id, id - 2, Payload.json("{\"status\":200,\"data\":{\"id\":" + id + "}}"));
          };
      history.add(next);
    }
    return history;
  }

  private static long payloadLength(Payload payload) {
    return payload instanceof Payload.Json json ? json.json().text().length() : 0;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
