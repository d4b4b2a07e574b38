package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.testing.ApiFixture;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher as a user meets it: {@code wfx keys …} against the database of a running service,
 * and the first admin key of a new installation.
 */
class LauncherTest {

  private static final Pattern CREATED = Pattern.compile("key (\\S+) for workspace");
  private static final Pattern GENERATED =
      Pattern.compile("Created the first admin key \\(id (\\S+), workspace default\\)\\. It is shown only now:\\R(\\S+)\\R");

  /** What one launcher run printed, and its exit status. */
  private record Run(int status, String out, String err) {

    List<String> outLines() {
      return out.lines().toList();
    }
  }

  private static Run run(RunningService service, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            List.of(args),
            service.config(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void givenKeysCreate_whenRun_thenTheKeyAloneOnTheLastLineAuthenticatesListShowsNoSecretAndRevokeEndsItAtOnce() {
    try (RunningService service = RunningService.start()) {
      Run created = run(service, "keys", "create", "--workspace", "ws-launch", "--type", "service");
      String key = created.outLines().getLast();
      Matcher id = CREATED.matcher(created.out());
      assertTrue(id.find(), created.out());
      String execution = ApiFixture.tracecatId('/');
      String history = "/workflow-executions/" + execution.replace("/", "%2F") + "/history";

      ApiClient.Answer recorded = service.client().post(history, key, firstBatch());
      Run listed = run(service, "keys", "list");
      Run revoked = run(service, "keys", "revoke", id.group(1));
      ApiClient.Answer afterRevoke =
          service.client().get("/workflow-executions/" + execution.replace("/", "%2F"), key);
      Run revokedAgain = run(service, "keys", "revoke", id.group(1));

      assertAll(
          () -> assertEquals(0, created.status(), created.err()),
          () -> assertEquals(key.strip(), key, "the key line holds the key alone"),
          () -> assertTrue(key.length() >= 32, key),
          () -> assertEquals(201, recorded.status(), recorded.body()),
          () -> assertEquals(0, listed.status(), listed.err()),
          () -> assertTrue(listed.out().contains(id.group(1)), listed.out()),
          () -> assertTrue(listed.out().contains("ws-launch"), listed.out()),
          () -> assertFalse(listed.out().contains(key), "keys list shows a secret"),
          () -> assertFalse(listed.out().contains(RunningService.ADMIN_KEY), "keys list shows a secret"),
          () -> assertEquals(0, revoked.status(), revoked.err()),
          () -> assertEquals(401, afterRevoke.status(), afterRevoke.body()),
          () -> assertEquals("Bearer", afterRevoke.header("WWW-Authenticate")),
          () -> assertEquals(0, revokedAgain.status(), "revoked, as asked: " + revokedAgain.err()),
          () -> assertTrue(revokedAgain.out().startsWith("Key " + id.group(1) + " was revoked already, at "), revokedAgain.out()),
          () -> assertTrue(revokedAgain.out().endsWith("; nothing changed." + System.lineSeparator()), revokedAgain.out()),
          () -> assertTrue(run(service, "keys", "list").out().lines().anyMatch(l -> l.startsWith(id.group(1)) && !l.endsWith("-"))));
    }
  }

  @Test
  void givenAKeyIdNobodyHas_whenRevoked_thenItExitsWithStatus1AndSaysSo() {
    try (RunningService service = RunningService.start()) {
      Run revoked = run(service, "keys", "revoke", "0123456789abcdef");

      assertAll(
          () -> assertEquals(1, revoked.status()),
          () -> assertEquals("wfx: no key with id 0123456789abcdef" + System.lineSeparator(), revoked.err()),
          () -> assertEquals("", revoked.out()));
    }
  }

  @Test
  void givenKeysList_whenRunAsItsOwnProcess_thenItPrintsTheListingAndNotOneLogLine() throws Exception {
    try (RunningService service = RunningService.start()) {
      Matcher id = CREATED.matcher(run(service, "keys", "create", "--workspace", "ws-quiet", "--type", "user").out());
      assertTrue(id.find());
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      for (String key : List.of("wfx.db.url", "wfx.db.user", "wfx.db.password", "wfx.db.schema")) {
        command.add("-D" + key + "=" + service.config().get(key).asString().orElse(""));
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), JavaVersionGuard.class.getName(), "keys", "list"));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().keySet().removeIf(name -> name.startsWith("WFX_"));
      Path out = Files.createTempFile("keys-list", ".out");
      Path err = Files.createTempFile("keys-list", ".err");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keys list ended");
      List<String> listed = Files.readAllLines(out);
      String logged = Files.readString(err);
      Files.delete(out);
      Files.delete(err);

      assertAll(
          () -> assertEquals(0, process.exitValue(), logged),
          () -> assertEquals("", logged),
          () -> assertTrue(listed.getFirst().startsWith("ID "), listed.toString()),
          () -> assertTrue(listed.stream().anyMatch(line -> line.startsWith(id.group(1)) && line.contains("ws-quiet")), listed.toString()));
    }
  }

  @Test
  void givenVersion_whenRun_thenItPrintsTheVersionTheBuildWroteIn() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        Main.run(
            List.of("--version"),
            WfxConfig.load(Map.of()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertAll(
        () -> assertEquals(0, status),
        () -> assertTrue(printed.matches("wfx \\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?\\R"), printed));
  }

  static List<List<String>> invalidArguments() {
    return List.of(
        List.of("frobnicate"),
        List.of("keys"),
        List.of("keys", "create", "--workspace", "ws-1"),
        List.of("keys", "create", "--workspace", "ws-1", "--type", "robot"),
        List.of("keys", "create", "--workspace"),
        List.of("keys", "create", "--workspace", "ws 1", "--type", "user"),
        List.of("keys", "list", "extra"),
        List.of("keys", "revoke"),
        List.of("keys", "revoke", "not/an/id"));
  }

  @ParameterizedTest(name = "wfx {0}")
  @MethodSource("invalidArguments")
  void givenInvalidArguments_whenRun_thenItExitsWithStatus2AndTheUsage(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // No database is touched before the arguments are valid, so no configuration is needed.
    int status =
        Main.run(
            args,
            WfxConfig.load(Map.of()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = err.toString(StandardCharsets.UTF_8);
    assertAll(
        () -> assertEquals(2, status),
        () -> assertTrue(printed.startsWith("wfx: "), printed),
        () -> assertTrue(printed.contains("usage: wfx"), printed),
        () -> assertEquals("", out.toString(StandardCharsets.UTF_8)));
  }

  @Test
  void givenAnEmptyKeyStoreAndNoConfiguredKey_whenStartedTwice_thenAGeneratedAdminKeyIsPrintedOnceAndWorks() {
    try (RunningService service = RunningService.with().start()) {
      Matcher generated = GENERATED.matcher(service.console());
      assertTrue(generated.find(), service.console());
      String key = generated.group(2);
      ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
      WfxServer second =
          WfxServer.start(service.config(), new PrintStream(secondConsole, true, StandardCharsets.UTF_8));
      ApiClient.Answer read;
      try {
        read = new ApiClient(second.port()).get("/workflow-executions/" + ApiFixture.tracecatId(':'), key);
      } finally {
        second.stop();
      }

      ApiClient.Answer written =
          service
              .client()
              .post(
                  "/workflow-executions/" + ApiFixture.tracecatId(':') + "/history?workspace_id=ws-any",
                  key,
                  firstBatch());
      assertAll(
          () -> assertEquals(1, count(service.console(), key), "the key is printed once"),
          () -> assertEquals("", secondConsole.toString(StandardCharsets.UTF_8), "a second start prints no key"),
          () -> assertEquals(404, read.status(), "the generated key authenticates: " + read.body()),
          () -> assertEquals(201, written.status(), "the generated key is an admin's: " + written.body()));
    }
  }

  @Test
  void givenAConfiguredBootstrapAdminKey_whenStarted_thenExactlyThatValueWorksAndIsNotPrinted() {
    try (RunningService service = RunningService.start()) {
      String path = "/workflow-executions/" + ApiFixture.tracecatId(':');

      ApiClient.Answer exact = service.client().get(path, RunningService.ADMIN_KEY);
      ApiClient.Answer longer = service.client().get(path, RunningService.ADMIN_KEY + "x");
      ApiClient.Answer shorter =
          service.client().get(path, RunningService.ADMIN_KEY.substring(0, RunningService.ADMIN_KEY.length() - 1));

      assertAll(
          () -> assertEquals(404, exact.status(), exact.body()),
          () -> assertEquals(401, longer.status(), longer.body()),
          () -> assertEquals(401, shorter.status(), shorter.body()),
          () -> assertTrue(service.console().contains("from WFX_BOOTSTRAP_ADMIN_KEY"), service.console()),
          () -> assertFalse(service.console().contains(RunningService.ADMIN_KEY), "the configured key is printed"));
    }
  }

  @Test
  void givenAWeakConfiguredAdminKey_whenServing_thenItExitsWithStatus2AndOneLineSaysWhy() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // The key is checked before anything starts, so no database is needed.
    int status =
        Main.run(
            List.of(),
            WfxConfig.load(Map.of("WFX_BOOTSTRAP_ADMIN_KEY", "short")),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = err.toString(StandardCharsets.UTF_8);
    assertAll(
        () -> assertEquals(2, status),
        () -> assertTrue(printed.startsWith("wfx: bad configuration: "), printed),
        () -> assertTrue(printed.contains("16 to 512 printable ASCII"), printed),
        () -> assertFalse(printed.contains("short"), "the rejected key is echoed"),
        () -> assertEquals(1, printed.strip().lines().count(), printed));
  }

  private static String firstBatch() {
    return TemporalEvents.history(
        TemporalEvents.event(
            1,
            "2024-03-01T10:00:00Z",
            "WORKFLOW_EXECUTION_STARTED",
            "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},"
                + "\"firstExecutionRunId\":\"5d0d2b1c-0000-4000-8000-000000000001\"}"));
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
