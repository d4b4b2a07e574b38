package dev.wfx.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Generates Temporal histories of Tracecat DSLWorkflow runs of an exact length: actions whose
 * RunActionInput carries realistic payloads (HTTP requests with headers, bodies and the run's
 * context), results of a kilobyte or more, retried attempts, failures with credentials in their
 * messages, and a child workflow in every tenth action. The same seed gives the same bytes.
 */
public final class TracecatHistories {

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Instant START = Instant.parse("2024-08-14T03:50:00.123456Z");
  private static final String RUN_ID = "b9d2c3ad-e03e-49e4-857e-1939d9d32f5e";
  private static final String[] ACTIONS = {
    "core.http_request", "tools.slack.post_message", "tools.virustotal.lookup_url",
    "core.transform.reshape", "tools.jira.create_issue", "tools.crowdstrike.get_detections"
  };

  private final Random random;
  private final String workflowId;
  private final List<String> events = new ArrayList<>();
  private Instant time = START;

  private TracecatHistories(long seed, String workflowId) {
    this.random = new Random(seed);
    this.workflowId = workflowId;
  }

  /** A Tracecat execution id, {@code wf_<22>/exec_<22>}, named after {@code label}. */
  public static String executionId(String label) {
    Random random = new Random(label.hashCode());
    return "wf_" + base62(random, 22) + "/exec_" + base62(random, 22);
  }

  /** A finished run of exactly {@code length} events, the last one WORKFLOW_EXECUTION_COMPLETED. */
  public static String closed(int length, String executionId) {
    TracecatHistories history = new TracecatHistories(length, executionId);
    history.body(length - 1);
    history.add("WORKFLOW_EXECUTION_COMPLETED", "{\"result\":" + history.payloads("{\"ok\":true}") + "}");
    return history.json(0, length);
  }

  /** A run still going, of exactly {@code length} events, the last one an action just scheduled. */
  public static String running(int length, String executionId) {
    TracecatHistories history = new TracecatHistories(length, executionId);
    history.body(length - 1);
    history.scheduled(length / 6 + 1);
    return history.json(0, length);
  }

  /** The events {@code from} (0-based) to {@code to} (exclusive) of a closed run, as one batch. */
  public static String closedBatch(int length, String executionId, int from, int to) {
    TracecatHistories history = new TracecatHistories(length, executionId);
    history.body(length - 1);
    history.add("WORKFLOW_EXECUTION_COMPLETED", "{\"result\":" + history.payloads("{\"ok\":true}") + "}");
    return history.json(from, to);
  }

  private String json(int from, int to) {
    return "{\"events\":[" + String.join(",", events.subList(from, to)) + "]}";
  }

  /** The started event, the first workflow task, then actions until {@code length} events. */
  private void body(int length) {
    add(
        "WORKFLOW_EXECUTION_STARTED",
        "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\","
            + "\"kind\":\"TASK_QUEUE_KIND_NORMAL\"},\"input\":"
            + payloads(dslRunArgs("Investigate phishing report", "Enrich, triage and open a ticket"))
            + ",\"workflowExecutionTimeout\":\"0s\",\"workflowRunTimeout\":\"0s\","
            + "\"workflowTaskTimeout\":\"10s\",\"originalExecutionRunId\":\""
            + RUN_ID
            + "\",\"identity\":\"1@tracecat-api\",\"firstExecutionRunId\":\""
            + RUN_ID
            + "\",\"attempt\":1,\"firstWorkflowTaskBackoff\":\"0s\",\"header\":{}}");
    workflowTask();
    for (int action = 1; events.size() < length; action++) {
      switch (action % 10) {
        case 8 -> failedAction(action);
        case 9 -> childWorkflow(action);
        default -> succeededAction(action, action % 10 == 7 ? 2 : 1);
      }
      workflowTask();
    }
    while (events.size() > length) {
      events.removeLast();
    }
  }

  private void workflowTask() {
    long scheduled = add("WORKFLOW_TASK_SCHEDULED",
        "{\"taskQueue\":{\"name\":\"tracecat-task-queue\",\"kind\":\"TASK_QUEUE_KIND_NORMAL\"},"
            + "\"startToCloseTimeout\":\"10s\",\"attempt\":1}");
    long started = add("WORKFLOW_TASK_STARTED",
        "{\"scheduledEventId\":\"" + scheduled + "\",\"identity\":\"1@tracecat-worker\","
            + "\"requestId\":\"" + uuid() + "\",\"historySizeBytes\":\"" + (events.size() * 2900L) + "\"}");
    add("WORKFLOW_TASK_COMPLETED",
        "{\"scheduledEventId\":\"" + scheduled + "\",\"startedEventId\":\"" + started
            + "\",\"identity\":\"1@tracecat-worker\",\"workerVersion\":{\"buildId\":\"0.35.1\"}}");
  }

  private long scheduled(int action) {
    return add(
        "ACTIVITY_TASK_SCHEDULED",
        "{\"activityId\":\""
            + action
            + "\",\"activityType\":{\"name\":\"run_action_activity\"},\"taskQueue\":{\"name\":"
            + "\"tracecat-task-queue\",\"kind\":\"TASK_QUEUE_KIND_NORMAL\"},\"header\":{},\"input\":"
            + payloads(runActionInput(action))
            + ",\"scheduleToCloseTimeout\":\"0s\",\"scheduleToStartTimeout\":\"0s\","
            + "\"startToCloseTimeout\":\"300s\",\"heartbeatTimeout\":\"0s\","
            + "\"workflowTaskCompletedEventId\":\""
            + events.size()
            + "\",\"retryPolicy\":{\"initialInterval\":\"1s\",\"backoffCoefficient\":2,"
            + "\"maximumInterval\":\"100s\",\"maximumAttempts\":3},\"useWorkflowBuildId\":true}");
  }

  private long started(long scheduled, int attempt) {
    String lastFailure =
        attempt == 1
            ? ""
            : ",\"lastFailure\":{\"message\":\"ReadTimeout: the upstream did not answer in 30s\","
                + "\"source\":\"PythonSDK\",\"applicationFailureInfo\":{\"type\":\"ReadTimeout\"}}";
    return add(
        "ACTIVITY_TASK_STARTED",
        "{\"scheduledEventId\":\"" + scheduled + "\",\"identity\":\"1@tracecat-worker\","
            + "\"requestId\":\"" + uuid() + "\",\"attempt\":" + attempt + lastFailure + "}");
  }

  private void succeededAction(int action, int attempt) {
    long scheduled = scheduled(action);
    long started = started(scheduled, attempt);
    add(
        "ACTIVITY_TASK_COMPLETED",
        "{\"result\":" + payloads(httpResult(action)) + ",\"scheduledEventId\":\"" + scheduled
            + "\",\"startedEventId\":\"" + started + "\",\"identity\":\"1@tracecat-worker\"}");
  }

  private void failedAction(int action) {
    long scheduled = scheduled(action);
    long started = started(scheduled, 3);
    add(
        "ACTIVITY_TASK_FAILED",
        "{\"failure\":{\"message\":\"HTTP 401 Unauthorized calling https://api.example.com/v2/"
            + "tickets?api_key=sk_live_" + base62(random, 24) + " with Authorization: Bearer "
            + base62(random, 40) + "\",\"source\":\"PythonSDK\",\"stackTrace\":\"  File "
            + "\\\"/app/tracecat/executor/service.py\\\", line 212, in run_action\\n    raise "
            + "ActionExecutionError(...)\\n\",\"cause\":{\"message\":\"401 Client Error: "
            + "Unauthorized for url https://admin:hunter2@api.example.com/v2/tickets\","
            + "\"source\":\"PythonSDK\",\"applicationFailureInfo\":{\"type\":\"HTTPStatusError\"}},"
            + "\"applicationFailureInfo\":{\"type\":\"ActionExecutionError\",\"nonRetryable\":false}},"
            + "\"scheduledEventId\":\"" + scheduled + "\",\"startedEventId\":\"" + started
            + "\",\"identity\":\"1@tracecat-worker\",\"retryState\":\"RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED\"}");
  }

  private void childWorkflow(int action) {
    String childId = executionId(workflowId + "/child-" + action);
    String childRun = uuid();
    long initiated =
        add(
            "START_CHILD_WORKFLOW_EXECUTION_INITIATED",
            "{\"namespace\":\"default\",\"workflowId\":\"" + childId + "\",\"workflowType\":"
                + "{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\","
                + "\"kind\":\"TASK_QUEUE_KIND_NORMAL\"},\"input\":"
                + payloads(dslRunArgs("Enrich indicator " + action, "Look the indicator up in three feeds"))
                + ",\"workflowExecutionTimeout\":\"0s\",\"workflowRunTimeout\":\"0s\","
                + "\"workflowTaskTimeout\":\"10s\",\"parentClosePolicy\":\"PARENT_CLOSE_POLICY_TERMINATE\","
                + "\"workflowTaskCompletedEventId\":\"" + events.size() + "\",\"header\":{}}");
    String execution =
        "\"workflowExecution\":{\"workflowId\":\"" + childId + "\",\"runId\":\"" + childRun + "\"}";
    long started =
        add(
            "CHILD_WORKFLOW_EXECUTION_STARTED",
            "{\"namespace\":\"default\",\"initiatedEventId\":\"" + initiated + "\"," + execution
                + ",\"workflowType\":{\"name\":\"DSLWorkflow\"},\"header\":{}}");
    add(
        "CHILD_WORKFLOW_EXECUTION_COMPLETED",
        "{\"result\":" + payloads(httpResult(action)) + ",\"namespace\":\"default\"," + execution
            + ",\"workflowType\":{\"name\":\"DSLWorkflow\"},\"initiatedEventId\":\"" + initiated
            + "\",\"startedEventId\":\"" + started + "\"}");
  }

  private String runActionInput(int action) {
    String ref = "step_" + action + "_" + ACTIONS[action % ACTIONS.length].replace('.', '_');
    String previous = action == 1 ? "[]" : "[\"step_" + (action - 1) + "_" + ACTIONS[(action - 1) % ACTIONS.length].replace('.', '_') + "\"]";
    return "{\"task\":{\"ref\":\"" + ref + "\",\"description\":\"Call the "
        + ACTIONS[action % ACTIONS.length] + " integration for alert " + action
        + "\",\"action\":\"" + ACTIONS[action % ACTIONS.length] + "\",\"args\":{\"url\":"
        + "\"https://api.example.com/v2/alerts/" + action + "/enrich\",\"method\":\"POST\","
        + "\"headers\":{\"Content-Type\":\"application/json\",\"Authorization\":"
        + "\"Bearer ${{ SECRETS.example.API_TOKEN }}\",\"X-Request-Id\":\"" + uuid() + "\"},"
        + "\"payload\":{\"alert_id\":\"" + base62(random, 16) + "\",\"severity\":\"high\","
        + "\"indicators\":[" + indicators(6) + "],\"note\":\"" + words(40) + "\"},"
        + "\"timeout\":30.0,\"verify_ssl\":true},\"depends_on\":" + previous + ","
        + "\"interaction\":null,\"run_if\":\"${{ FN.not_null(ACTIONS." + ref + ") }}\","
        + "\"for_each\":null,\"retry_policy\":{\"max_attempts\":3,\"timeout\":300,"
        + "\"retry_until\":null},\"start_delay\":0.0,\"wait_until\":null,\"join_strategy\":\"all\"},"
        + "\"exec_context\":{\"ACTIONS\":{\"previous\":{\"result\":{\"status\":\"ok\",\"items\":["
        + indicators(4) + "]},\"result_typename\":\"dict\"}},\"INPUTS\":{\"team\":\"secops\","
        + "\"channel\":\"#alerts\"},\"TRIGGER\":{\"alert\":{\"id\":\"" + base62(random, 12)
        + "\",\"title\":\"" + words(12) + "\",\"source\":\"email-gateway\"}},\"ENV\":{}},"
        + "\"run_context\":{\"wf_id\":\"" + workflowId.substring(0, workflowId.indexOf('/'))
        + "\",\"wf_exec_id\":\"" + workflowId + "\",\"wf_run_id\":\"" + RUN_ID
        + "\",\"environment\":\"default\"},\"interaction_context\":null}";
  }

  private String dslRunArgs(String title, String description) {
    return "{\"role\":{\"type\":\"service\",\"workspace_id\":\"" + uuid() + "\",\"user_id\":null,"
        + "\"access_level\":0,\"service_id\":\"tracecat-schedule-runner\"},\"dsl\":{\"title\":\""
        + title + "\",\"description\":\"" + description + "\",\"entrypoint\":{\"ref\":\"step_1\","
        + "\"expects\":{}},\"actions\":[" + indicators(8) + "],\"config\":{\"scheduler\":\"dynamic\","
        + "\"environment\":\"default\"},\"triggers\":[],\"inputs\":{\"team\":\"secops\"}},"
        + "\"wf_id\":\"" + workflowId.substring(0, workflowId.indexOf('/')) + "\","
        + "\"trigger_inputs\":{\"alert\":{\"title\":\"" + words(10) + "\"}},"
        + "\"runtime_config\":{\"timeout\":\"PT5M\",\"environment\":\"default\"}}";
  }

  private String httpResult(int action) {
    return "{\"status_code\":200,\"headers\":{\"content-type\":\"application/json\","
        + "\"date\":\"Wed, 14 Aug 2024 03:51:02 GMT\",\"x-ratelimit-remaining\":\"" + (999 - action % 1000)
        + "\"},\"data\":{\"id\":\"" + base62(random, 20) + "\",\"verdict\":\"malicious\",\"score\":"
        + random.nextInt(100) + ".5,\"matches\":[" + indicators(5) + "],\"summary\":\"" + words(30) + "\"}}";
  }

  private String indicators(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append("{\"type\":\"url\",\"value\":\"https://")
          .append(base62(random, 10).toLowerCase())
          .append(".example.net/")
          .append(base62(random, 14))
          .append("\",\"first_seen\":\"2024-08-1")
          .append(random.nextInt(10))
          .append("T0")
          .append(random.nextInt(10))
          .append(":12:45Z\",\"tags\":[\"phishing\",\"credential-harvest\"]}");
    }
    return text.toString();
  }

  private String words(int count) {
    String[] words = {"suspicious", "login", "from", "new", "device", "user", "reported", "email",
        "attachment", "invoice", "urgent", "domain", "lookalike", "blocked", "quarantine"};
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
    }
    return text.toString();
  }

  private String payloads(String json) {
    return "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + base64("json/plain")
        + "\"},\"data\":\""
        + base64(json)
        + "\"}]}";
  }

  private long add(String type, String attributes) {
    long id = events.size() + 1L;
    time = time.plusNanos(12_000_000L + random.nextInt(90_000_000));
    String camel = camel(type);
    events.add(
        "{\"eventId\":\"" + id + "\",\"eventTime\":\"" + time + "\",\"eventType\":\"EVENT_TYPE_"
            + type + "\",\"taskId\":\"" + (1_048_576 + id * 3) + "\",\"" + camel
            + "EventAttributes\":" + attributes + "}");
    return id;
  }

  private static String camel(String type) {
    StringBuilder text = new StringBuilder();
    for (String word : type.toLowerCase().split("_")) {
      text.append(text.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return text.toString();
  }

  private String uuid() {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  private static String base62(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(BASE62.charAt(random.nextInt(BASE62.length())));
    }
    return text.toString();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
