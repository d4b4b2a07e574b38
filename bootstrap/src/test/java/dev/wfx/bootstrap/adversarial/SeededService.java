package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.application.access.IssueApiKey;
import dev.wfx.application.access.IssueApiKeyService;
import dev.wfx.bootstrap.RunningService;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.config.Config;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * Test fixture: the running service ({@link RunningService}) with the suite's short limits, keys of
 * every kind and closed executions in two workspaces that carry a secret. Started once for the
 * suite; stopped, and its schema dropped, at JVM exit.
 */
public final class SeededService {

  static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  static final WorkspaceId WS_B = WorkspaceId.of("ws-b");
  /** Small enough to go over cheaply, large enough for a 10 MB payload and 100,000 events. */
  static final long BODY_LIMIT = 32L * 1024 * 1024;
  /** Short, so that the suite sees stalled uploads cut off without waiting long. */
  static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(2);
  /**
   * Short, so that the suite sees stalled heads cut off without waiting long; shorter than the
   * body read timeout, so that a cut-off shows which of the two made it.
   */
  static final Duration REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(1);

  private static final Pattern PROBLEM =
      Pattern.compile(
          "\\{\"type\":\"about:blank\",\"title\":\"[^\"]+\",\"status\":\\d{3},\"detail\":\"[^\"]{10,}\".*\\}");
  private static SeededService instance;

  private final RunningService service;
  private final LogCapture logs;
  final String userA;
  final String serviceA;
  final String adminA;
  final String userB;
  final String serviceB;
  final String revokedA;
  /** Text that must never reach a log or an error answer. */
  final String secret = "s3cr3t-" + Histories.random("abcdefghijklmnopqrstuvwxyz0123456789", 24);
  final String executionA = Histories.tracecatId();
  final String executionB = Histories.tracecatId();
  final String legacyA = Histories.legacyId();
  final String legacyB = Histories.legacyId();
  private final List<String> secrets = new ArrayList<>();

  private SeededService() {
    TestDatabase database = TestDatabase.start();
    IssueApiKey issue = new IssueApiKeyService(database.persistence().apiKeys(), Clock.systemUTC());
    userA = issue(issue, RoleType.USER, WS_A, false).secret();
    serviceA = issue(issue, RoleType.SERVICE, WS_A, false).secret();
    adminA = issue(issue, RoleType.USER, WS_A, true).secret();
    userB = issue(issue, RoleType.USER, WS_B, false).secret();
    serviceB = issue(issue, RoleType.SERVICE, WS_B, false).secret();
    IssueApiKey.IssuedKey revoked = issue(issue, RoleType.SERVICE, WS_A, false);
    database.persistence().apiKeys().revoke(revoked.id(), Instant.now());
    revokedA = revoked.secret();
    secrets.add(secret);
    // The keys are in before the start, so that the service creates no admin key of its own.
    service =
        RunningService.with()
            .bodyLimit(BODY_LIMIT)
            .bodyReadTimeout(BODY_READ_TIMEOUT)
            .requestHeadTimeout(REQUEST_HEAD_TIMEOUT)
            .start(database);
    // After the start: Helidon's logging set-up re-reads the JUL configuration, dropping handlers.
    logs = LogCapture.install();
    seed(executionA, serviceA);
    seed(executionB, serviceB);
    seed(legacyA, serviceA);
    seed(legacyB, serviceB);
  }

  /** The running service, started on first use. */
  public static synchronized SeededService get() {
    if (instance == null) {
      SeededService started = new SeededService();
      Runtime.getRuntime().addShutdownHook(new Thread(started.service::close, "adversarial-stop"));
      instance = started;
    }
    return instance;
  }

  /** The configuration the launcher would build, on the test schema, on loopback, port 0. */
  public Config config() {
    return service.config();
  }

  private IssueApiKey.IssuedKey issue(
      IssueApiKey issue, RoleType type, WorkspaceId workspace, boolean admin) {
    IssueApiKey.IssuedKey key = issue.issue(new IssueApiKey.Command(type, workspace, admin));
    secrets.add(key.secret());
    return key;
  }

  /** Records a closed execution carrying the secret under {@code id}, in the key's workspace. */
  void seed(String id, String key) {
    RawHttp.Response response =
        post(path(id), key, Histories.closedHistory(secret).getBytes(StandardCharsets.UTF_8));
    assertEquals(201, response.status(), response.text());
  }

  public int port() {
    return service.port();
  }

  /** Every secret the suite holds: keys and the text planted in histories. */
  List<String> secrets() {
    return List.copyOf(secrets);
  }

  /** The path of an execution, its slash sent as {@code %2F}. */
  static String path(String id) {
    return "/workflow-executions/" + id.replace("/", "%2F");
  }

  /** Every byte of the id as {@code %XX}, the most an honest client could encode. */
  static String percentEncodeAll(String id) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      encoded.append(String.format("%%%02X", b));
    }
    return encoded.toString();
  }

  static List<String> bearer(String key) {
    return key == null ? List.of() : List.of("Authorization: Bearer " + key);
  }

  RawHttp.Response get(String target, String key) {
    return RawHttp.send(port(), "GET", target, bearer(key), null);
  }

  RawHttp.Response post(String path, String key, byte[] body) {
    List<String> headers = new ArrayList<>(bearer(key));
    headers.add("Content-Type: application/json");
    return RawHttp.send(port(), "POST", path + "/history", headers, body);
  }

  /**
   * The document as an admin reads it in its workspace: what must not change when an attack is
   * refused.
   */
  String stored(WorkspaceId workspace, String id) {
    RawHttp.Response response = get("/workspaces/" + workspace + path(id), adminA);
    assertEquals(200, response.status(), response.text());
    return response.text();
  }

  /**
   * Counts the answer in its category and checks it is clean: no server error, an error is a
   * problem document with a useful detail, and no answer echoes a secret (documents aside, which
   * hold recorded payloads by design).
   */
  RawHttp.Response clean(Tally tally, RawHttp.Response response) {
    tally.count(response.status());
    assertTrue(response.status() < 500, () -> "server error: " + response.comparable());
    if (response.status() >= 400) {
      assertEquals("application/problem+json", response.header("content-type"), response::comparable);
      assertTrue(PROBLEM.matcher(response.text()).matches(), response::comparable);
      for (String secret : secrets) {
        assertFalse(response.comparable().contains(secret), response::comparable);
      }
    }
    if (response.status() == 401) {
      assertEquals("Bearer", response.header("www-authenticate"), response::comparable);
    }
    return response;
  }

  /**
   * Asserts that no request failed inside the service (a failure a client may never see, such as
   * one whose connection is gone), and that nothing the suite holds secret was logged or printed.
   */
  void assertLogsClean() {
    assertEquals(List.of(), logs.linesAtLeast(Level.SEVERE), "a request failed inside the service");
    String printed = service.console();
    for (String secret : secrets) {
      assertEquals(List.of(), logs.linesContaining(secret), "a secret was logged");
      assertFalse(printed.contains(secret), "a secret was printed");
    }
  }
}
