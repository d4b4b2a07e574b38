package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.wfx.domain.access.RoleType;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replay proof: workflows of Temporal's Java SDK run on its in-process test server, their
 * histories are recorded in wfx, exported, and replayed with {@link WorkflowReplayer} against the
 * same workflow code — which must pass — and against a changed one, which must fail.
 */
class ReplayProofTest {

  private static final String TASK_QUEUE = "replay-proof";
  private static final String WS = "ws-replay";

  private static TestWorkflowEnvironment temporal;
  private static WorkflowClient client;
  private static RunningService wfx;
  private static ApiClient api;
  private static String writer;

  @WorkflowInterface
  public interface Greeting {
    @WorkflowMethod
    String greet(String name);
  }

  @ActivityInterface
  public interface Greetings {
    String hello(String name);
  }

  public static final class GreetingsImpl implements Greetings {
    @Override
    public String hello(String name) {
      return "hello " + name;
    }
  }

  private static Greetings activities() {
    return Workflow.newActivityStub(
        Greetings.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
  }

  public static final class GreetingImpl implements Greeting {
    @Override
    public String greet(String name) {
      String first = activities().hello(name);
      Workflow.sleep(Duration.ofMinutes(5));
      return activities().hello(first);
    }
  }

  /** The same workflow changed without versioning: it sleeps before its first activity. */
  public static final class ChangedGreetingImpl implements Greeting {
    @Override
    public String greet(String name) {
      Workflow.sleep(Duration.ofMinutes(5));
      String first = activities().hello(name);
      return activities().hello(first);
    }
  }

  @WorkflowInterface
  public interface Countdown {
    @WorkflowMethod
    int count(int from);
  }

  /** Continues as new until it reaches zero: one run per step. */
  public static final class CountdownImpl implements Countdown {
    @Override
    public int count(int from) {
      activities().hello("step " + from);
      if (from > 0) {
        Workflow.continueAsNew(from - 1);
      }
      return from;
    }
  }

  @BeforeAll
  static void start() {
    temporal = TestWorkflowEnvironment.newInstance();
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(GreetingImpl.class, CountdownImpl.class);
    worker.registerActivitiesImplementations(new GreetingsImpl());
    temporal.start();
    client = temporal.getWorkflowClient();
    wfx = RunningService.start();
    api = wfx.client();
    writer = wfx.issueKey(RoleType.SERVICE, WS, false);
  }

  @AfterAll
  static void stop() {
    wfx.close();
    temporal.close();
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId(workflowId).build();
  }

  /** The run the history is of, as its started event names it. */
  private static String runOf(WorkflowExecutionHistory history) {
    return history
        .getHistory()
        .getEvents(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getOriginalExecutionRunId();
  }

  /**
   * Records the SDK's history in wfx, naming no run (the history names its own), and returns wfx's
   * export of that run.
   */
  private static String recordAndExport(String workflowId, String runId, WorkflowExecutionHistory history) {
    String path = "/workflow-executions/" + workflowId;
    ApiClient.Answer recorded = api.post(path + "/history", writer, history.toJson(true));
    assertEquals(201, recorded.status(), recorded.body());
    assertEquals(runId, Json.read(recorded.body()).path("run_id").asText());
    ApiClient.Answer export = api.get(path + "/history?run_id=" + runId, writer);
    assertEquals(200, export.status(), export.body());
    return export.body();
  }

  @Test
  void givenAnSdkHistoryRecordedInWfx_whenItsExportIsReplayed_thenItPassesAndFailsForChangedCode()
      throws Exception {
    String workflowId = "greeting-" + UUID.randomUUID();
    Greeting greeting = client.newWorkflowStub(Greeting.class, options(workflowId));
    assertEquals("hello hello wfx", greeting.greet("wfx"));
    WorkflowExecutionHistory history = client.fetchHistory(workflowId);
    String runId = runOf(history);

    String export = recordAndExport(workflowId, runId, history);

    assertEquals(history.getHistory(), parse(export));
    WorkflowReplayer.replayWorkflowExecution(export, GreetingImpl.class);
    Exception changed =
        assertThrows(
            Exception.class,
            () -> WorkflowReplayer.replayWorkflowExecution(export, ChangedGreetingImpl.class),
            "a non-deterministic change fails the replay of the export");
    StringBuilder chain = new StringBuilder();
    for (Throwable t = changed; t != null; t = t.getCause()) {
      chain.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    assertTrue(
        chain.toString().toLowerCase(java.util.Locale.ROOT).contains("nondetermin"),
        chain.toString());
  }

  @Test
  void givenAContinueAsNewChain_whenEachRunIsRecordedAndExported_thenEachReplaysAndTheLatestIsServed()
      throws Exception {
    String workflowId = "countdown-" + UUID.randomUUID();
    Countdown countdown = client.newWorkflowStub(Countdown.class, options(workflowId));
    assertEquals(0, countdown.count(2));
    List<String> runIds = new ArrayList<>();
    // fetchHistory without a run id gives the last run; the first run's id is the chain's first.
    WorkflowExecutionHistory last = client.fetchHistory(workflowId);
    String runId = runOf(last);
    String firstRun =
        last.getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes()
            .getFirstExecutionRunId();
    for (String run = firstRun; run != null; ) {
      runIds.add(run);
      WorkflowExecutionHistory history = client.fetchHistory(workflowId, run);
      String export = recordAndExport(workflowId, run, history);
      assertEquals(history.getHistory(), parse(export));
      WorkflowReplayer.replayWorkflowExecution(export, CountdownImpl.class);
      HistoryEvent closing = history.getLastEvent();
      run =
          closing.hasWorkflowExecutionContinuedAsNewEventAttributes()
              ? closing.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }

    assertEquals(3, runIds.size());
    assertEquals(runId, runIds.getLast());
    String latest = api.get("/workflow-executions/" + workflowId, writer).body();
    assertEquals(runId, Json.read(latest).path("run_id").asText());
    assertEquals("COMPLETED", Json.read(latest).path("status").asText());
  }

  private static History parse(String json) throws Exception {
    History.Builder history = History.newBuilder();
    JsonFormat.parser().merge(json, history);
    return history.build();
  }
}
